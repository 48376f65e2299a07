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
}
