namespace SsoOidc.LocalService.Protocol;

using System;

/// <summary>
/// Which redirect URIs a client may register: https anywhere, http only on a loopback address
/// (RFC 8252 native apps), never a fragment.
/// </summary>
internal static class RedirectUriRules
{
    /// <summary>Why <paramref name="value"/> is not an acceptable redirect URI, or null when it is.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value) || !Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
        {
            return $"Redirect URI '{value}' is not an absolute URI.";
        }

        if (uri.Fragment.Length > 0)
        {
            return $"Redirect URI '{value}' must not contain a fragment.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            return uri.IsLoopback ? null : $"Redirect URI '{value}' uses http but is not a loopback address.";
        }

        return $"Redirect URI '{value}' uses the unsupported scheme '{uri.Scheme}'.";
    }

    /// <summary>
    /// Whether a request's <paramref name="requested"/> redirect URI matches a client's
    /// <paramref name="registered"/> one: exactly, or, for an http loopback IP literal, with any
    /// port (RFC 8252 section 7.3: native apps listen on an ephemeral port chosen at run time).
    /// </summary>
    public static bool Matches(string registered, string? requested)
    {
        if (requested is null)
        {
            return false;
        }

        if (string.Equals(registered, requested, StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(registered, UriKind.Absolute, out Uri? expected)
            && Uri.TryCreate(requested, UriKind.Absolute, out Uri? actual)
            && expected.Scheme == Uri.UriSchemeHttp
            && actual.Scheme == Uri.UriSchemeHttp
            && expected.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && expected.IsLoopback
            && string.Equals(expected.Host, actual.Host, StringComparison.OrdinalIgnoreCase)
            && string.Equals(expected.AbsolutePath, actual.AbsolutePath, StringComparison.Ordinal)
            && string.Equals(expected.Query, actual.Query, StringComparison.Ordinal)
            && actual.Fragment.Length == 0;
    }
}
