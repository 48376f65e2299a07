namespace SsoLogin.Flow;

using SsoLogin.Caching;

/// <summary>How a login ended.</summary>
public enum LoginOutcome
{
    /// <summary>The cached access token is valid for longer than the refresh window; nothing was called.</summary>
    CachedTokenStillValid,

    /// <summary>The access token was near expiry and was refreshed with the refresh token.</summary>
    Refreshed,

    /// <summary>The user signed in (device code or authorization code).</summary>
    SignedIn,
}

/// <summary>The token the login produced or found, and where it is cached.</summary>
public sealed record LoginResult(LoginOutcome Outcome, CachedToken Token, string CachePath);
