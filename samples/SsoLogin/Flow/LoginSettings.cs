namespace SsoLogin.Flow;

using System;
using System.Collections.Generic;

/// <summary>What to sign in to, and how.</summary>
public sealed record LoginSettings
{
    /// <summary>The scope every AWS CLI SSO session asks for.</summary>
    public const string DefaultScope = "sso:account:access";

    /// <summary>The IAM Identity Center start URL, e.g. <c>https://my-sso-portal.awsapps.com/start</c>.</summary>
    public required string StartUrl { get; init; }

    /// <summary>The region of the IAM Identity Center instance.</summary>
    public required string Region { get; init; }

    /// <summary>The <c>[sso-session NAME]</c> the login is for, or null for a legacy profile or a bare start URL.</summary>
    public string? SessionName { get; init; }

    /// <summary>
    /// The session's <c>sso_registration_scopes</c> as configured, or null when there are none; part of
    /// the registration cache key (botocore's), while <see cref="Scopes"/> is what is registered.
    /// </summary>
    public IReadOnlyList<string>? RegistrationScopes { get; init; }

    /// <summary>The token cache key: the session name for sessions, the start URL otherwise (botocore's rule).</summary>
    public string TokenCacheKey => SessionName ?? StartUrl;

    /// <summary>The flow: authorization code with PKCE (default) or device code.</summary>
    public LoginMethod Method { get; init; } = LoginMethod.AuthorizationCode;

    /// <summary>Whether to open the sign-in page in a browser; when false the URL is only printed.</summary>
    public bool OpenBrowser { get; init; } = true;

    /// <summary>The scopes to register and ask for.</summary>
    public IReadOnlyList<string> Scopes
    {
        get => _scopes ?? (RegistrationScopes is { Count: > 0 } configured ? configured : [DefaultScope]);
        init => _scopes = value;
    }

    private readonly IReadOnlyList<string>? _scopes;

    /// <summary>The client name to register.</summary>
    public string ClientName { get; init; } = "sso-login";

    /// <summary>Whether a cached access token that is still valid ends the login (or is refreshed when near expiry).</summary>
    public bool UseCachedToken { get; init; } = true;

    /// <summary>Whether a cached client registration is reused, and a new one cached.</summary>
    public bool UseCachedRegistration { get; init; } = true;

    /// <summary>An access token expiring sooner than this is refreshed (15 minutes, botocore's refresh window).</summary>
    public TimeSpan RefreshWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A cached registration expiring sooner than this is replaced (15 minutes, as botocore does).</summary>
    public TimeSpan RegistrationExpiryWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long to wait for the browser to come back to the loopback listener (wall-clock time).</summary>
    public TimeSpan AuthorizationTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The polling interval when StartDeviceAuthorization names none (RFC 8628: 5 seconds).</summary>
    public TimeSpan DefaultPollingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How much each <c>slow_down</c> adds to the polling interval (RFC 8628 section 3.5: 5 seconds).</summary>
    public TimeSpan SlowDownIncrease { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The grant types the client registers for <see cref="Method"/>.</summary>
    public IReadOnlyList<string> GrantTypes => Method == LoginMethod.AuthorizationCode
        ? [OAuthGrants.AuthorizationCode, OAuthGrants.RefreshToken]
        : [OAuthGrants.DeviceCode, OAuthGrants.RefreshToken];
}

/// <summary>The OAuth grant type names SSO OIDC uses.</summary>
public static class OAuthGrants
{
    /// <summary>RFC 8628 device authorization grant.</summary>
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    /// <summary>Authorization code grant (with PKCE).</summary>
    public const string AuthorizationCode = "authorization_code";

    /// <summary>Refresh token grant.</summary>
    public const string RefreshToken = "refresh_token";
}
