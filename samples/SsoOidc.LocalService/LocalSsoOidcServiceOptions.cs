namespace SsoOidc.LocalService;

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

/// <summary>How a <see cref="LocalSsoOidcService"/> behaves. Every member has a default that
/// matches what the real service answers where that is known.</summary>
public sealed class LocalSsoOidcServiceOptions
{
    /// <summary>
    /// The clock behind every expiry and polling-interval decision (client secrets, device codes,
    /// authorization codes, tokens, <c>slow_down</c>). Tests pass a fake one and move it forward.
    /// Fault latency is real time, not this clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a device code and its user code stay valid (<c>expiresIn</c>). Default 10 minutes.</summary>
    public TimeSpan DeviceCodeLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The minimum time between two polls of one device code (<c>interval</c>). Default 1 second.</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How much the polling interval of a device code grows each time the client is told to
    /// <c>slow_down</c>. Default 5 seconds, as RFC 8628 section 3.5 requires.
    /// </summary>
    public TimeSpan SlowDownIntervalIncrease { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an access token is valid (<c>expiresIn</c> of CreateToken). Default 1 hour.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token can be redeemed. Default 90 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How long a registered client's secret is valid (<c>clientSecretExpiresAt</c>). Default 90 days.</summary>
    public TimeSpan ClientSecretLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How long an authorization code from <c>/authorize</c> can be redeemed. Default 5 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>iss</c> claim of id tokens; null means the service's base address.</summary>
    public Uri? Issuer { get; init; }

    /// <summary>The <c>sub</c> claim of id tokens: the user who signs in. Default <c>local-user</c>.</summary>
    public string Subject { get; init; } = "local-user";

    /// <summary>
    /// Whether <c>/authorize</c> approves a valid request at once (302 to the redirect URI with a
    /// code). When false it redirects with <c>error=access_denied</c>, as if the user declined.
    /// Default true.
    /// </summary>
    public bool AutoApproveAuthorization { get; init; } = true;

    /// <summary>
    /// Whether a new device authorization starts approved, so polling yields a token without
    /// <see cref="LocalSsoOidcService.ApproveUserCode"/>. Default false.
    /// </summary>
    public bool AutoApproveDeviceCodes { get; init; }

    /// <summary>The loopback port to listen on; 0 (the default) for an ephemeral one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The accounts and roles the SSO portal offers every signed-in user (ListAccounts,
    /// ListAccountRoles, GetRoleCredentials). Default: account <c>111122223333</c> ("Local sandbox")
    /// with the roles <c>ReadOnly</c> and <c>Admin</c>.
    /// </summary>
    public IReadOnlyList<PortalAccount> Accounts { get; init; } = [PortalAccount.Default];

    /// <summary>How long role credentials from GetRoleCredentials stay valid. Default 1 hour.</summary>
    public TimeSpan RoleCredentialsLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Adds logging providers. By default the service logs nothing. Whatever is configured here,
    /// ASP.NET Core's own categories stay at Warning and the service never logs bodies, query
    /// strings, headers, secrets or tokens.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(Subject);
        RequirePositive(DeviceCodeLifetime, nameof(DeviceCodeLifetime));
        RequireNotNegative(PollingInterval, nameof(PollingInterval));
        RequireNotNegative(SlowDownIntervalIncrease, nameof(SlowDownIntervalIncrease));
        RequirePositive(AccessTokenLifetime, nameof(AccessTokenLifetime));
        RequirePositive(RefreshTokenLifetime, nameof(RefreshTokenLifetime));
        RequirePositive(ClientSecretLifetime, nameof(ClientSecretLifetime));
        RequirePositive(AuthorizationCodeLifetime, nameof(AuthorizationCodeLifetime));
        RequirePositive(RoleCredentialsLifetime, nameof(RoleCredentialsLifetime));
        ArgumentNullException.ThrowIfNull(Accounts);
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be 0 (ephemeral) or 1-65535.");
        }
        if (Issuer is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The issuer must be an absolute URI.", nameof(Issuer));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
        }
    }

    private static void RequireNotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must not be negative.");
        }
    }
}
