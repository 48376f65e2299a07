namespace SsoOidcCodegen.Runtime.Endpoints;

/// <summary>
/// A URL taken apart by the <c>parseURL</c> rule function. Attribute names map to properties:
/// <c>scheme</c>, <c>authority</c>, <c>path</c>, <c>normalizedPath</c>, <c>isIp</c>.
/// </summary>
public sealed class ParsedUrl
{
    internal ParsedUrl(string scheme, string authority, string path, string normalizedPath, bool isIp)
    {
        Scheme = scheme;
        Authority = authority;
        Path = path;
        NormalizedPath = normalizedPath;
        IsIp = isIp;
    }

    /// <summary>The scheme without <c>://</c>, for example <c>https</c>.</summary>
    public string Scheme { get; }

    /// <summary>The host and port as written (without any user information), for example <c>example.com:8443</c>.</summary>
    public string Authority { get; }

    /// <summary>The path exactly as written; empty when the URL has none.</summary>
    public string Path { get; }

    /// <summary>The path with a leading and a trailing <c>/</c>; <c>/</c> when the URL has none.</summary>
    public string NormalizedPath { get; }

    /// <summary>Whether the host is an IPv4 or IPv6 address.</summary>
    public bool IsIp { get; }

    /// <summary>The URL as the record the rules engine sees.</summary>
    public EndpointValue ToEndpointValue() => EndpointValue.ObjectOf(
        ("scheme", EndpointValue.Of(Scheme)),
        ("authority", EndpointValue.Of(Authority)),
        ("path", EndpointValue.Of(Path)),
        ("normalizedPath", EndpointValue.Of(NormalizedPath)),
        ("isIp", EndpointValue.Of(IsIp)));

    /// <summary>The parts as a rule-engine record in JSON.</summary>
    public override string ToString() => ToEndpointValue().ToJsonString();
}
