namespace SsoOidc.LocalService.Protocol;

using System;
using System.Collections.Generic;
using System.Linq;

// What the authorization server remembers. All mutable state is guarded by the server's lock.

internal sealed record RegisteredClient(
    string ClientId,
    string ClientSecret,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> GrantTypes,
    DateTimeOffset SecretExpiresAt)
{
    public bool Allows(string grantType) => GrantTypes.Contains(grantType, StringComparer.Ordinal);

    /// <summary>The client id only: the secret never reaches a log or an assertion message.</summary>
    public override string ToString() => $"RegisteredClient {ClientId}";
}

internal enum DeviceAuthorizationState
{
    Pending,
    Approved,
    Denied,
    Redeemed,
}

internal sealed class DeviceAuthorization(string deviceCode, string userCode, string clientId, DateTimeOffset expiresAt, TimeSpan interval)
{
    public string DeviceCode { get; } = deviceCode;

    public string UserCode { get; } = userCode;

    public string ClientId { get; } = clientId;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>The current minimum time between polls; grows with every <c>slow_down</c>.</summary>
    public TimeSpan Interval { get; set; } = interval;

    public DateTimeOffset? LastPollAt { get; set; }

    public DeviceAuthorizationState State { get; set; }
}

internal sealed class AuthorizationCodeGrant(string clientId, string redirectUri, string codeChallenge, IReadOnlyList<string> scopes, DateTimeOffset expiresAt)
{
    public string ClientId { get; } = clientId;

    public string RedirectUri { get; } = redirectUri;

    public string CodeChallenge { get; } = codeChallenge;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool Redeemed { get; set; }
}

internal sealed record RefreshTokenGrant(string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, bool ViaIam, string Subject);

internal sealed record AccessTokenGrant(string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, string Subject);

internal sealed record IssuedTokens(string AccessToken, string? RefreshToken, string? IdToken, IReadOnlyList<string> Scopes)
{
    public override string ToString() => $"IssuedTokens *** redacted *** for scopes {string.Join(' ', Scopes)}";
}

/// <summary>What <c>/verify</c> and the approve/deny methods find for a user code.</summary>
internal enum UserCodeStatus
{
    Unknown,
    Expired,
    Pending,
    Approved,
    Denied,
}

/// <summary>The parameters of <c>GET /authorize</c>.</summary>
internal sealed record AuthorizeQuery(
    string? ResponseType,
    string? ClientId,
    string? RedirectUri,
    string? State,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? Scopes);

/// <summary>Either a redirect (success or an OAuth error the client may see) or an error page
/// (when the redirect URI cannot be trusted, the browser must not be sent there).</summary>
internal sealed record AuthorizeOutcome(Uri? RedirectTo, int ErrorStatus, string? ErrorMessage)
{
    public static AuthorizeOutcome Redirect(Uri location) => new(location, 0, null);

    public static AuthorizeOutcome Page(string message) => new(null, 400, message);
}
