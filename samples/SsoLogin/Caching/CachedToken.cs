namespace SsoLogin.Caching;

using System;

/// <summary>
/// One entry of the SSO token cache, with the members the AWS CLI writes. Its
/// <see cref="ToString"/> never shows the access token, the refresh token or the client secret.
/// </summary>
public sealed class CachedToken
{
    /// <summary>The IAM Identity Center start URL the token belongs to.</summary>
    public required string StartUrl { get; init; }

    /// <summary>The region of the SSO OIDC service that issued the token.</summary>
    public required string Region { get; init; }

    /// <summary>The bearer access token. Secret.</summary>
    public required string AccessToken { get; init; }

    /// <summary>When the access token expires (written as <c>YYYY-MM-DDTHH:MM:SSZ</c>).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The registered client the token was issued to, needed to refresh it.</summary>
    public string? ClientId { get; init; }

    /// <summary>The registered client's secret, needed to refresh the token. Secret.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>When the client registration (and so the client secret) expires.</summary>
    public DateTimeOffset? RegistrationExpiresAt { get; init; }

    /// <summary>The refresh token, when the service issued one. Secret.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Whether the token can be refreshed at <paramref name="now"/>: a refresh token and a live registration.</summary>
    public bool CanRefreshAt(DateTimeOffset now) =>
        !string.IsNullOrEmpty(RefreshToken)
        && !string.IsNullOrEmpty(ClientId)
        && !string.IsNullOrEmpty(ClientSecret)
        && RegistrationExpiresAt is { } registrationExpiresAt
        && registrationExpiresAt > now;

    /// <summary>Start URL, region and expiry; never a secret.</summary>
    public override string ToString() =>
        $"CachedToken {{ StartUrl = {StartUrl}, Region = {Region}, ExpiresAt = {CacheFile.FormatTimestamp(ExpiresAt)}, RefreshToken = {(RefreshToken is null ? "none" : "*** redacted ***")} }}";
}
