namespace SsoOidcCodegen.Generator.Endpoints;

/// <summary>Where and how the endpoint types are generated.</summary>
internal sealed record EndpointEmitOptions
{
    public EndpointEmitOptions(string @namespace, string prefix, bool isPublic)
    {
        Namespace = @namespace;
        Prefix = prefix;
        IsPublic = isPublic;
    }

    /// <summary>The namespace of the generated types, for example <c>SsoOidcCodegen.SsoOidc</c>.</summary>
    public string Namespace { get; }

    /// <summary>The type-name prefix: <c>SsoOidc</c> gives <c>SsoOidcEndpointParameters</c> and <c>SsoOidcEndpointResolver</c>.</summary>
    public string Prefix { get; }

    /// <summary>Whether the types are public (else internal).</summary>
    public bool IsPublic { get; }

    public string ParametersClassName => Prefix + "EndpointParameters";

    public string ResolverClassName => Prefix + "EndpointResolver";

    public string Accessibility => IsPublic ? "public" : "internal";
}
