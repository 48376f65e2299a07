namespace SsoLogin.Caching;

using System;
using System.Collections.Generic;

/// <summary>
/// A registered SSO OIDC client, as cached between runs. Its <see cref="ToString"/> never shows
/// the client secret.
/// </summary>
public sealed class CachedRegistration
{
    /// <summary>The client id from RegisterClient.</summary>
    public required string ClientId { get; init; }

    /// <summary>The client secret from RegisterClient. Secret.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>When the registration expires (<c>clientSecretExpiresAt</c>).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The scopes the client registered.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The grant types the client registered; empty means the service's default (device code and refresh token).</summary>
    public IReadOnlyList<string> GrantTypes { get; init; } = [];

    /// <summary>The redirect URIs the client registered (authorization code flow only).</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Client id and expiry; never the secret.</summary>
    public override string ToString() =>
        $"CachedRegistration {{ ClientId = {ClientId}, ExpiresAt = {CacheFile.FormatTimestamp(ExpiresAt)} }}";
}
