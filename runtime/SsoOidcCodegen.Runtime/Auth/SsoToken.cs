namespace SsoOidcCodegen.Runtime.Auth;

using System;

/// <summary>
/// One cached SSO access token with the members the AWS CLI and botocore write. Its
/// <see cref="ToString"/> never shows the access token, the refresh token or the client secret.
/// </summary>
public sealed record SsoToken
{
    /// <summary>The IAM Identity Center start URL.</summary>
    public string? StartUrl { get; init; }

    /// <summary>The region of the SSO OIDC service that issued the token.</summary>
    public string? Region { get; init; }

    /// <summary>The bearer access token. Secret.</summary>
    public required string AccessToken { get; init; }

    /// <summary>When the access token expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The registered client the token was issued to (needed to refresh it).</summary>
    public string? ClientId { get; init; }

    /// <summary>The registered client's secret (needed to refresh it). Secret.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>When the client registration expires.</summary>
    public DateTimeOffset? RegistrationExpiresAt { get; init; }

    /// <summary>The refresh token, when the service issued one. Secret.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Whether the token can be refreshed at <paramref name="now"/>: a refresh token, a client and a live registration (botocore's test).</summary>
    /// <param name="now">The current time.</param>
    public bool CanRefreshAt(DateTimeOffset now) =>
        !string.IsNullOrEmpty(RefreshToken)
        && !string.IsNullOrEmpty(ClientId)
        && !string.IsNullOrEmpty(ClientSecret)
        && RegistrationExpiresAt is { } registrationExpiresAt
        && registrationExpiresAt > now;

    /// <summary>Start URL, region and expiry; never a secret.</summary>
    public override string ToString() =>
        $"SsoToken {{ StartUrl = {StartUrl}, Region = {Region}, ExpiresAt = {SsoTokenCache.FormatTimestamp(ExpiresAt)}, AccessToken = {AwsCredentials.Redacted}, RefreshToken = {(RefreshToken is null ? "(none)" : AwsCredentials.Redacted)} }}";
}
