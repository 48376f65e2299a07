namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Collections.Generic;
using System.Linq;

/// <summary>
/// The SSO settings of a profile, resolved as the AWS CLI resolves them: a profile's
/// <c>sso_session</c> names an <c>[sso-session NAME]</c> section that holds <c>sso_start_url</c>,
/// <c>sso_region</c> and <c>sso_registration_scopes</c>; a legacy profile holds <c>sso_start_url</c>
/// and <c>sso_region</c> itself. <c>sso_account_id</c> and <c>sso_role_name</c> stay in the profile.
/// </summary>
public sealed record SsoProfileSettings
{
    /// <summary>The profile's name, or null when the settings come from <c>--sso-session</c> alone.</summary>
    public string? ProfileName { get; init; }

    /// <summary>The <c>[sso-session NAME]</c> name, or null for a legacy profile.</summary>
    public string? SessionName { get; init; }

    /// <summary>The IAM Identity Center start URL.</summary>
    public required string StartUrl { get; init; }

    /// <summary>The region of the IAM Identity Center instance.</summary>
    public required string Region { get; init; }

    /// <summary>
    /// <c>sso_registration_scopes</c>, split at commas and trimmed, empties dropped; null when the
    /// section has no such setting (botocore keeps that difference in the registration key).
    /// </summary>
    public IReadOnlyList<string>? RegistrationScopes { get; init; }

    /// <summary><c>sso_account_id</c>, when the profile has one.</summary>
    public string? AccountId { get; init; }

    /// <summary><c>sso_role_name</c>, when the profile has one.</summary>
    public string? RoleName { get; init; }

    /// <summary>Whether the profile names an account and a role, so credentials can be taken for it.</summary>
    public bool HasRole => !string.IsNullOrEmpty(AccountId) && !string.IsNullOrEmpty(RoleName);

    /// <summary>The token cache key: the session name for sessions, the start URL for legacy profiles (botocore's rule).</summary>
    public string TokenCacheKey => SessionName ?? StartUrl;

    /// <summary>The command that signs in for these settings, for messages.</summary>
    public string LoginCommand => ProfileName is not null
        ? $"sso-login --profile {ProfileName}"
        : $"sso-login --sso-session {SessionName}";

    /// <summary>Whether the profile has any SSO setting (<c>sso_session</c>, <c>sso_start_url</c>, <c>sso_account_id</c>, ...).</summary>
    /// <param name="config">The config file.</param>
    /// <param name="profileName">The profile's name.</param>
    public static bool IsSsoProfile(SharedConfigFile config, string profileName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(profileName);
        return config.TryGetValue(profileName, "sso_session", out _)
            || config.TryGetValue(profileName, "sso_start_url", out _)
            || config.TryGetValue(profileName, "sso_account_id", out _)
            || config.TryGetValue(profileName, "sso_role_name", out _);
    }

    /// <summary>Resolves the SSO settings of a profile.</summary>
    /// <param name="config">The config file (<c>~/.aws/config</c> or <c>AWS_CONFIG_FILE</c>).</param>
    /// <param name="profileName">The profile's name.</param>
    /// <exception cref="SsoConfigurationException">The profile, its session, or a required setting is missing.</exception>
    public static SsoProfileSettings FromProfile(SharedConfigFile config, string profileName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(profileName);
        if (!config.ContainsProfile(profileName))
        {
            throw new SsoConfigurationException($"The config file {Where(config)} has no profile '{profileName}'.");
        }

        string? accountId = Value(config, profileName, "sso_account_id");
        string? roleName = Value(config, profileName, "sso_role_name");
        if (Value(config, profileName, "sso_session") is { } sessionName)
        {
            SsoProfileSettings session = FromSession(config, sessionName);
            return session with { ProfileName = profileName, AccountId = accountId, RoleName = roleName };
        }

        string? startUrl = Value(config, profileName, "sso_start_url");
        string? region = Value(config, profileName, "sso_region");
        if (startUrl is null || region is null)
        {
            string missing = string.Join(", ", new[] { ("sso_start_url", startUrl), ("sso_region", region) }.Where(pair => pair.Item2 is null).Select(pair => pair.Item1));
            throw new SsoConfigurationException(
                $"Profile '{profileName}' in {Where(config)} is missing {missing}: give it sso_session = NAME (with an [sso-session NAME] section), or sso_start_url and sso_region.");
        }

        return new SsoProfileSettings
        {
            ProfileName = profileName,
            StartUrl = startUrl,
            Region = region,
            AccountId = accountId,
            RoleName = roleName,
        };
    }

    /// <summary>Resolves an <c>[sso-session NAME]</c> section.</summary>
    /// <param name="config">The config file.</param>
    /// <param name="sessionName">The session's name.</param>
    /// <exception cref="SsoConfigurationException">The section or a required setting is missing.</exception>
    public static SsoProfileSettings FromSession(SharedConfigFile config, string sessionName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(sessionName);
        if (!config.ContainsSsoSession(sessionName))
        {
            throw new SsoConfigurationException($"The config file {Where(config)} has no [sso-session {sessionName}] section.");
        }

        string? startUrl = SessionValue(config, sessionName, "sso_start_url");
        string? region = SessionValue(config, sessionName, "sso_region");
        if (startUrl is null || region is null)
        {
            string missing = string.Join(", ", new[] { ("sso_start_url", startUrl), ("sso_region", region) }.Where(pair => pair.Item2 is null).Select(pair => pair.Item1));
            throw new SsoConfigurationException($"[sso-session {sessionName}] in {Where(config)} is missing {missing}.");
        }

        IReadOnlyList<string>? scopes = config.TryGetSsoSessionValue(sessionName, "sso_registration_scopes", out string? rawScopes)
            ? ParseScopes(rawScopes)
            : null;
        return new SsoProfileSettings
        {
            SessionName = sessionName,
            StartUrl = startUrl,
            Region = region,
            RegistrationScopes = scopes,
        };
    }

    /// <summary>Splits <c>sso_registration_scopes</c> as the AWS CLI does: at commas, trimmed, empties dropped.</summary>
    /// <param name="raw">The setting's value.</param>
    public static IReadOnlyList<string> ParseScopes(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return [.. raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Where the settings came from and what they hold; nothing here is secret.</summary>
    public override string ToString() =>
        $"SsoProfileSettings {{ Profile = {ProfileName ?? "(none)"}, Session = {SessionName ?? "(legacy)"}, StartUrl = {StartUrl}, Region = {Region}, Account = {AccountId ?? "(none)"}, Role = {RoleName ?? "(none)"} }}";

    private static string? Value(SharedConfigFile config, string profileName, string key) =>
        config.TryGetValue(profileName, key, out string? value) && value.Length > 0 ? value : null;

    private static string? SessionValue(SharedConfigFile config, string sessionName, string key) =>
        config.TryGetSsoSessionValue(sessionName, key, out string? value) && value.Length > 0 ? value : null;

    private static string Where(SharedConfigFile config) => config.Path is null ? "(text)" : $"'{config.Path}'";
}
