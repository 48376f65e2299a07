namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Sso.Oidc;
using SsoOidcCodegen.Runtime.Sso.Oidc.Model;
using SsoOidcCodegen.Runtime.Sso.Portal;
using SsoOidcCodegen.Runtime.Sso.Portal.Model;

/// <summary>
/// Role credentials from an IAM Identity Center sign-in, for a profile with <c>sso_account_id</c> and
/// <c>sso_role_name</c> (in the <c>sso_session</c> form or the legacy <c>sso_start_url</c> form), as the
/// AWS CLI and SDKs take them: the access token cached by <c>sso-login</c> or <c>aws sso login</c>
/// is exchanged at the SSO portal (GetRoleCredentials) for short-term credentials.
/// </summary>
/// <remarks>
/// <para>A token with less than <see cref="SsoCredentialsProviderOptions.TokenRefreshWindow"/> (15
/// minutes, botocore's window) left is refreshed with its refresh token through SSO OIDC CreateToken,
/// and the cache file is written back in the AWS CLI's format. A refresh the service refuses falls
/// back to the cached token while it is still valid.</para>
/// <para>Role credentials are kept until <see cref="SsoCredentialsProviderOptions.CredentialsExpiryWindow"/>
/// before they expire; concurrent callers share one fetch.</para>
/// <para>Without a usable token (none cached, expired and not refreshable, or refused by the portal)
/// every call throws <see cref="SsoLoginRequiredException"/>, whose message names the command to run.</para>
/// <para>Endpoints: <c>AWS_ENDPOINT_URL_SSO</c> and <c>AWS_ENDPOINT_URL_SSO_OIDC</c> (else
/// <c>AWS_ENDPOINT_URL</c>) replace the regional ones, as in the AWS SDKs.</para>
/// </remarks>
public sealed class SsoCredentialsProvider : IAwsCredentialsProvider, IAsyncCredentialsSource, IDisposable
{
    private readonly string? _profileName;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly SsoCredentialsProviderOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SsoProfileSettings? _settings;
    private SsoOidcClient? _oidc;
    private SsoPortalClient? _portal;
    private CachedCredentials? _cached;
    private bool? _isSsoProfile;

    /// <summary>Creates a provider for a profile of the process's config file.</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="options">Clock, cache directory, HTTP client and windows; null for the defaults.</param>
    public SsoCredentialsProvider(string? profileName = null, SsoCredentialsProviderOptions? options = null)
        : this(profileName, Environment.GetEnvironmentVariable, options)
    {
    }

    /// <summary>Creates a provider that reads environment variables through <paramref name="getEnvironmentVariable"/> (for tests).</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null.</param>
    /// <param name="options">Clock, cache directory, HTTP client and windows; null for the defaults.</param>
    public SsoCredentialsProvider(string? profileName, Func<string, string?> getEnvironmentVariable, SsoCredentialsProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _profileName = profileName;
        _getEnvironmentVariable = getEnvironmentVariable;
        _options = options ?? new SsoCredentialsProviderOptions();
    }

    /// <summary>The profile this provider reads.</summary>
    public string ProfileName => SharedConfigFile.ResolveProfileName(_profileName, _getEnvironmentVariable);

    string IAsyncCredentialsSource.Description => $"SSO (profile '{ProfileName}')";

    /// <inheritdoc />
    /// <exception cref="SsoConfigurationException">The profile is not an SSO role profile, or its settings are incomplete.</exception>
    /// <exception cref="SsoLoginRequiredException">No usable access token: the message names the command that signs in.</exception>
    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        SsoProfileSettings settings = Settings();
        if (!settings.HasRole)
        {
            throw new SsoConfigurationException(
                $"Profile '{ProfileName}' has no sso_account_id and sso_role_name, so there is no role to take credentials for.");
        }

        return await GetRoleCredentialsAsync(settings, cancellationToken).ConfigureAwait(false);
    }

    async ValueTask<CredentialsLookup> IAsyncCredentialsSource.TryGetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return new CredentialsLookup(fresh, null);
        }

        // The chain asks on every call: the config file is read once, as the shared-file provider does.
        string profile = ProfileName;
        if (_isSsoProfile is not { } isSsoProfile)
        {
            SharedConfigFile config = LoadConfig();
            isSsoProfile = config.ContainsProfile(profile) && SsoProfileSettings.IsSsoProfile(config, profile);
            _isSsoProfile = isSsoProfile;
        }

        if (!isSsoProfile)
        {
            return CredentialsLookup.NotConfigured($"profile '{profile}' has no SSO settings");
        }

        // A profile that is configured for SSO and fails stops the chain: falling through to other
        // sources would sign with credentials the user did not mean.
        return new CredentialsLookup(await GetCredentialsAsync(cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Disposes the SSO clients.</summary>
    public void Dispose()
    {
        _oidc?.Dispose();
        _portal?.Dispose();
        _gate.Dispose();
    }

    private async ValueTask<AwsCredentials> GetRoleCredentialsAsync(SsoProfileSettings settings, CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            string token = await GetAccessTokenAsync(settings, cancellationToken).ConfigureAwait(false);
            GetRoleCredentialsResponse response;
            try
            {
                response = await Portal(settings).GetRoleCredentialsAsync(
                    new GetRoleCredentialsRequest { AccessToken = token, AccountId = settings.AccountId, RoleName = settings.RoleName },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (UnauthorizedException refused)
            {
                throw LoginRequired(settings, "the SSO portal did not accept the cached access token", refused);
            }

            RoleCredentials role = response.RoleCredentials
                ?? throw new AwsCredentialsException("The SSO portal answered GetRoleCredentials without roleCredentials.");
            if (string.IsNullOrEmpty(role.AccessKeyId) || string.IsNullOrEmpty(role.SecretAccessKey) || role.Expiration is not { } expirationMilliseconds)
            {
                throw new AwsCredentialsException("The SSO portal answered GetRoleCredentials with incomplete credentials.");
            }

            var credentials = new AwsCredentials(role.AccessKeyId, role.SecretAccessKey, role.SessionToken, settings.AccountId);
            Volatile.Write(ref _cached, new CachedCredentials(credentials, DateTimeOffset.FromUnixTimeMilliseconds(expirationMilliseconds)));
            return credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    private AwsCredentials? Fresh() =>
        Volatile.Read(ref _cached) is { } cached && cached.Expiration - _options.TimeProvider.GetUtcNow() > _options.CredentialsExpiryWindow
            ? cached.Credentials
            : null;

    private async ValueTask<string> GetAccessTokenAsync(SsoProfileSettings settings, CancellationToken cancellationToken)
    {
        var cache = new SsoTokenCache(_options.CacheDirectory ?? DefaultCacheDirectory());
        SsoToken? token = cache.Read(settings.TokenCacheKey)
            ?? throw LoginRequired(settings, $"no access token is cached for {Subject(settings)} (looked in {cache.PathFor(settings.TokenCacheKey)})", null);

        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        if (token.ExpiresAt - now > _options.TokenRefreshWindow)
        {
            return token.AccessToken;
        }

        Exception? refreshFailure = null;
        if (token.CanRefreshAt(now))
        {
            try
            {
                CreateTokenResponse refreshed = await Oidc(settings).CreateTokenAsync(
                    new CreateTokenRequest
                    {
                        GrantType = "refresh_token",
                        ClientId = token.ClientId,
                        ClientSecret = token.ClientSecret,
                        RefreshToken = token.RefreshToken,
                    },
                    cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(refreshed.AccessToken) && refreshed.ExpiresIn is { } expiresIn)
                {
                    var renewed = new SsoToken
                    {
                        StartUrl = settings.StartUrl,
                        Region = settings.Region,
                        AccessToken = refreshed.AccessToken,
                        ExpiresAt = _options.TimeProvider.GetUtcNow() + TimeSpan.FromSeconds(expiresIn),
                        ClientId = token.ClientId,
                        ClientSecret = token.ClientSecret,
                        RegistrationExpiresAt = token.RegistrationExpiresAt,

                        // A service that rotates refresh tokens sends a new one; otherwise the old one stays valid.
                        RefreshToken = refreshed.RefreshToken ?? token.RefreshToken,
                    };
                    cache.Write(settings.TokenCacheKey, renewed);
                    return renewed.AccessToken;
                }
            }
            catch (AwsServiceException refused)
            {
                refreshFailure = refused;
            }
        }

        if (token.ExpiresAt > now)
        {
            // botocore's rule: a failed refresh is not an error while the cached token still works.
            return token.AccessToken;
        }

        string reason = refreshFailure is AwsServiceException service
            ? $"the access token for {Subject(settings)} expired at {SsoTokenCache.FormatTimestamp(token.ExpiresAt)} and the refresh was refused ({service.ErrorCode})"
            : $"the access token for {Subject(settings)} expired at {SsoTokenCache.FormatTimestamp(token.ExpiresAt)} and cannot be refreshed";
        throw LoginRequired(settings, reason, refreshFailure);
    }

    // ~/.aws/sso/cache under the HOME the environment names (so a test's HOME is honoured), else the user's.
    private string DefaultCacheDirectory()
    {
        string? home = _getEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = _getEnvironmentVariable("USERPROFILE");
        }

        return SsoTokenCache.DefaultDirectory(string.IsNullOrEmpty(home) ? null : home);
    }

    private static SsoLoginRequiredException LoginRequired(SsoProfileSettings settings, string reason, Exception? cause) =>
        new($"The SSO session for {Subject(settings)} has expired or is otherwise invalid: {reason}. To sign in again, run: {settings.LoginCommand} (or aws sso login{(settings.ProfileName is null ? $" --sso-session {settings.SessionName}" : $" --profile {settings.ProfileName}")}).", cause);

    private static string Subject(SsoProfileSettings settings) =>
        settings.SessionName is { } session ? $"sso-session '{session}'" : $"start URL {settings.StartUrl}";

    private SsoProfileSettings Settings()
    {
        SsoProfileSettings? settings = Volatile.Read(ref _settings);
        if (settings is null)
        {
            settings = SsoProfileSettings.FromProfile(LoadConfig(), ProfileName);
            Volatile.Write(ref _settings, settings);
        }

        return settings;
    }

    private SharedConfigFile LoadConfig()
    {
        try
        {
            return SharedConfigFile.LoadConfigFile(_getEnvironmentVariable);
        }
        catch (Exception ex) when (ex is FormatException or System.IO.IOException or UnauthorizedAccessException)
        {
            throw new AwsCredentialsException($"The shared config file cannot be read: {ex.Message}", ex);
        }
    }

    private SsoOidcClient Oidc(SsoProfileSettings settings) =>
        _oidc ??= new SsoOidcClient(ClientOptions(settings, Endpoint("AWS_ENDPOINT_URL_SSO_OIDC") ?? _options.OidcServiceUrl));

    private SsoPortalClient Portal(SsoProfileSettings settings) =>
        _portal ??= new SsoPortalClient(ClientOptions(settings, Endpoint("AWS_ENDPOINT_URL_SSO") ?? _options.PortalServiceUrl));

    private AwsClientOptions ClientOptions(SsoProfileSettings settings, Uri? serviceUrl) => new()
    {
        Region = settings.Region,
        ServiceUrl = serviceUrl,
        HttpClient = _options.HttpClient,
        TimeProvider = _options.TimeProvider,
        AttemptTimeout = TimeSpan.FromSeconds(10),

        // SSO OIDC's CreateToken and the portal's operations are unsigned; these are never asked for,
        // and naming them stops the client from building a default chain that would contain this provider.
        Credentials = NoCredentials.Instance,
        UserAgentSuffix = "sso-credentials",
    };

    private Uri? Endpoint(string serviceVariable)
    {
        string? value = _getEnvironmentVariable(serviceVariable);
        if (string.IsNullOrEmpty(value))
        {
            value = _getEnvironmentVariable("AWS_ENDPOINT_URL");
        }

        return !string.IsNullOrEmpty(value) && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ? uri : null;
    }

    private sealed record CachedCredentials(AwsCredentials Credentials, DateTimeOffset Expiration);

    private sealed class NoCredentials : IAwsCredentialsProvider
    {
        public static readonly NoCredentials Instance = new();

        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            throw new AwsCredentialsException("The SSO clients make unsigned calls only.");
    }
}

/// <summary>Options of <see cref="SsoCredentialsProvider"/>.</summary>
public sealed class SsoCredentialsProviderOptions
{
    /// <summary>The SSO token cache directory; null for <c>~/.aws/sso/cache</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The HTTP client for SSO OIDC and the portal; null for the clients' own.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>An SSO OIDC endpoint instead of <c>https://oidc.REGION.amazonaws.com</c> (<c>AWS_ENDPOINT_URL_SSO_OIDC</c> wins).</summary>
    public Uri? OidcServiceUrl { get; init; }

    /// <summary>An SSO portal endpoint instead of <c>https://portal.sso.REGION.amazonaws.com</c> (<c>AWS_ENDPOINT_URL_SSO</c> wins).</summary>
    public Uri? PortalServiceUrl { get; init; }

    /// <summary>A cached token with less than this left is refreshed (15 minutes, as in botocore).</summary>
    public TimeSpan TokenRefreshWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Role credentials are fetched again this long before they expire (5 minutes).</summary>
    public TimeSpan CredentialsExpiryWindow { get; init; } = TimeSpan.FromMinutes(5);
}
