namespace SsoOidcCodegen.Runtime.Endpoints;

using System;
using System.Collections.Generic;

/// <summary>
/// One entry of an endpoint's <c>properties.authSchemes</c>: how the rules want the request signed
/// (<c>sigv4</c>, <c>sigv4a</c>, <c>sigv4-s3express</c>...), with the signing name, the signing region
/// (SigV4) or region set (SigV4a), and the canonical-path flags.
/// </summary>
public sealed class EndpointAuthScheme
{
    /// <summary>Creates a scheme.</summary>
    public EndpointAuthScheme(string name, string? signingName, string? signingRegion, IReadOnlyList<string>? signingRegionSet, bool disableDoubleEncoding, bool disableNormalizePath)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        SigningName = signingName;
        SigningRegion = signingRegion;
        SigningRegionSet = signingRegionSet ?? Array.Empty<string>();
        DisableDoubleEncoding = disableDoubleEncoding;
        DisableNormalizePath = disableNormalizePath;
    }

    /// <summary>The scheme's name (<c>sigv4</c>, <c>sigv4a</c>, <c>sigv4-s3express</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The signing name; null to keep the model's.</summary>
    public string? SigningName { get; }

    /// <summary>The SigV4 signing region; null to keep the client's.</summary>
    public string? SigningRegion { get; }

    /// <summary>The SigV4a region set (<c>X-Amz-Region-Set</c>); empty when the rules give none.</summary>
    public IReadOnlyList<string> SigningRegionSet { get; }

    /// <summary>The canonical URI is the path as sent, not percent-encoded again.</summary>
    public bool DisableDoubleEncoding { get; }

    /// <summary>The canonical URI keeps dot and empty segments.</summary>
    public bool DisableNormalizePath { get; }

    /// <summary>The schemes of an endpoint's properties, in the rules' order of preference; empty when there are none.</summary>
    /// <exception cref="EndpointResolutionException">An entry is not an object with a string <c>name</c>.</exception>
    public static IReadOnlyList<EndpointAuthScheme> From(IReadOnlyDictionary<string, EndpointValue> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (!properties.TryGetValue("authSchemes", out EndpointValue? schemes) || schemes.Kind != EndpointValueKind.Array)
        {
            return Array.Empty<EndpointAuthScheme>();
        }

        var result = new List<EndpointAuthScheme>();
        foreach (EndpointValue entry in schemes.AsArray())
        {
            if (entry.Kind != EndpointValueKind.Object || !entry.TryGetMember("name", out EndpointValue? name) || name.Kind != EndpointValueKind.String)
            {
                throw new EndpointResolutionException("An endpoint's authSchemes entry is not an object with a string 'name'.");
            }

            List<string>? regionSet = null;
            if (entry.TryGetMember("signingRegionSet", out EndpointValue? set) && set.Kind == EndpointValueKind.Array)
            {
                regionSet = new List<string>();
                foreach (EndpointValue region in set.AsArray())
                {
                    if (region.Kind == EndpointValueKind.String)
                    {
                        regionSet.Add(region.AsString());
                    }
                }
            }

            result.Add(new EndpointAuthScheme(
                name.AsString(),
                StringMember(entry, "signingName"),
                StringMember(entry, "signingRegion"),
                regionSet,
                BooleanMember(entry, "disableDoubleEncoding"),
                BooleanMember(entry, "disableNormalizePath")));
        }

        return result;
    }

    private static string? StringMember(EndpointValue entry, string name) =>
        entry.TryGetMember(name, out EndpointValue? value) && value.Kind == EndpointValueKind.String ? value.AsString() : null;

    private static bool BooleanMember(EndpointValue entry, string name) =>
        entry.TryGetMember(name, out EndpointValue? value) && value.Kind == EndpointValueKind.Boolean && value.AsBoolean();
}
