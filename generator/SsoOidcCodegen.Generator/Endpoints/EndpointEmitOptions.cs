namespace SsoOidcCodegen.Generator.Endpoints;

/// <summary>Where and how the endpoint types are generated.</summary>
internal sealed record EndpointEmitOptions
{
    /// <summary>The namespace of the generated types, for example <c>SsoOidcCodegen.SsoOidc</c>.</summary>
    public required string Namespace { get; init; }

    /// <summary>The type-name prefix: <c>SsoOidc</c> gives <c>SsoOidcEndpointParameters</c> and <c>SsoOidcEndpointResolver</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>Whether the types are public (else internal).</summary>
    public required bool IsPublic { get; init; }

    /// <summary>The files' first lines (<see cref="Emitting.GeneratedFileHeader"/>): the service's, or the rule set's alone.</summary>
    public string Header { get; init; } = Emitting.GeneratedFileHeader.WithoutModel;

    public string ParametersClassName => Prefix + "EndpointParameters";

    public string ResolverClassName => Prefix + "EndpointResolver";

    public string Accessibility => IsPublic ? "public" : "internal";
}
