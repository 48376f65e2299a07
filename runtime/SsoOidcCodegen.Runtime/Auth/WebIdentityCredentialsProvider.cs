namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Sts;
using SsoOidcCodegen.Runtime.Sts.Model;

/// <summary>
/// Role credentials for an OpenID Connect token in a file (EKS service accounts, GitHub Actions and
/// other federated identities), as the AWS CLI and SDKs take them: STS AssumeRoleWithWebIdentity,
/// an unsigned call.
/// </summary>
/// <remarks>
/// <para>Settings, each from the environment first, then the profile: <c>AWS_WEB_IDENTITY_TOKEN_FILE</c>
/// / <c>web_identity_token_file</c>, <c>AWS_ROLE_ARN</c> / <c>role_arn</c>,
/// <c>AWS_ROLE_SESSION_NAME</c> / <c>role_session_name</c> (else a generated name).</para>
/// <para>The token file is read again for every fetch (the platforms rotate it). Credentials are kept
/// until <see cref="StsCredentialsProviderOptions.CredentialsExpiryWindow"/> before they expire. The STS
/// endpoint is chosen as for <see cref="AssumeRoleCredentialsProvider"/>.</para>
/// </remarks>
public sealed class WebIdentityCredentialsProvider : IAwsCredentialsProvider, IAsyncCredentialsSource, IDisposable
{
    /// <summary>The variable naming the token file.</summary>
    public const string TokenFileVariable = "AWS_WEB_IDENTITY_TOKEN_FILE";

    /// <summary>The variable naming the role.</summary>
    public const string RoleArnVariable = "AWS_ROLE_ARN";

    /// <summary>The variable naming the role session.</summary>
    public const string RoleSessionNameVariable = "AWS_ROLE_SESSION_NAME";

    private readonly string? _profileName;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly StsCredentialsProviderOptions _options;
    private readonly StsCredentials.Cache _cache;
    private Settings? _settings;

    /// <summary>Creates a provider over the process environment and shared files.</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="options">Clock, HTTP client, endpoint and window; null for the defaults.</param>
    public WebIdentityCredentialsProvider(string? profileName = null, StsCredentialsProviderOptions? options = null)
        : this(profileName, Environment.GetEnvironmentVariable, options)
    {
    }

    /// <summary>Creates a provider that reads environment variables through <paramref name="getEnvironmentVariable"/> (for tests).</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null.</param>
    /// <param name="options">Clock, HTTP client, endpoint and window; null for the defaults.</param>
    public WebIdentityCredentialsProvider(string? profileName, Func<string, string?> getEnvironmentVariable, StsCredentialsProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _profileName = profileName;
        _getEnvironmentVariable = getEnvironmentVariable;
        _options = options ?? new StsCredentialsProviderOptions();
        _cache = new StsCredentials.Cache(_options);
    }

    /// <summary>The profile this provider reads.</summary>
    public string ProfileName => SharedConfigFile.ResolveProfileName(_profileName, _getEnvironmentVariable);

    string IAsyncCredentialsSource.Description => $"web identity ({TokenFileVariable}, or profile '{ProfileName}')";

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">No token file or role is configured, the token file cannot be read, or STS refused (the typed STS exception is the inner exception).</exception>
    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (_cache.Fresh is { } fresh)
        {
            return fresh;
        }

        Settings settings = Resolve();
        if (settings.TokenFile is null)
        {
            throw new AwsCredentialsException($"No web identity token file: neither {TokenFileVariable} nor web_identity_token_file of profile '{settings.Profile}' is set.");
        }

        if (settings.RoleArn is null)
        {
            throw new AwsCredentialsException($"A web identity token file is configured but no role: set {RoleArnVariable} or role_arn of profile '{settings.Profile}'.");
        }

        string tokenFile = settings.TokenFile, roleArn = settings.RoleArn;
        return await _cache.GetAsync(cancellation => AssumeWithTokenAsync(settings, tokenFile, roleArn, cancellation), cancellationToken).ConfigureAwait(false);
    }

    private async Task<StsCredentials.Cached> AssumeWithTokenAsync(Settings settings, string tokenFile, string roleArn, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AwsCredentialsException($"The web identity token file '{tokenFile}' cannot be read: {ex.Message}", ex);
        }

        if (token.Length == 0)
        {
            throw new AwsCredentialsException($"The web identity token file '{tokenFile}' is empty.");
        }

        var request = new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = roleArn,
            RoleSessionName = settings.SessionName ?? StsCredentials.DefaultSessionName(_options.TimeProvider),
            WebIdentityToken = token,
            DurationSeconds = settings.DurationSeconds,
        };

        using StsClient client = StsCredentials.CreateClient(_getEnvironmentVariable, _options, settings.Profile, StsCredentials.NoCredentials.Instance);
        AssumeRoleWithWebIdentityResponse response;
        try
        {
            response = await client.AssumeRoleWithWebIdentityAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            throw StsCredentials.Failed($"Assuming role {roleArn} with the web identity token in '{tokenFile}'", error);
        }

        return StsCredentials.FromResponse(response.Credentials, response.AssumedRoleUser?.Arn, "AssumeRoleWithWebIdentity");
    }

    async ValueTask<CredentialsLookup> IAsyncCredentialsSource.TryGetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (_cache.Fresh is { } fresh)
        {
            return new CredentialsLookup(fresh, null);
        }

        if (Resolve().TokenFile is null)
        {
            return CredentialsLookup.NotConfigured($"neither {TokenFileVariable} nor web_identity_token_file of profile '{ProfileName}' is set");
        }

        // A configured web identity that fails stops the chain.
        return new CredentialsLookup(await GetCredentialsAsync(cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Disposes the gate.</summary>
    public void Dispose() => _cache.Dispose();

    private Settings Resolve()
    {
        if (Volatile.Read(ref _settings) is { } known)
        {
            return known;
        }

        string profile = ProfileName;
        string? tokenFile = Variable(TokenFileVariable);
        string? roleArn = Variable(RoleArnVariable);
        string? sessionName = Variable(RoleSessionNameVariable);
        int? duration = null;
        if (tokenFile is null)
        {
            // botocore: the environment's token file goes with the environment's role; the profile's with the profile's.
            StsCredentials.Profiles files = StsCredentials.LoadProfiles(_getEnvironmentVariable);
            if (StsCredentials.TryGetSetting(files, profile, StsCredentials.WebIdentityTokenFileKey, out string? profileTokenFile))
            {
                tokenFile = profileTokenFile;
                roleArn = StsCredentials.TryGetSetting(files, profile, StsCredentials.RoleArnKey, out string? profileRole) ? profileRole : null;
                sessionName = StsCredentials.TryGetSetting(files, profile, StsCredentials.RoleSessionNameKey, out string? profileSession) ? profileSession : sessionName;
                duration = StsCredentials.ParseDuration(
                    profile, StsCredentials.TryGetSetting(files, profile, StsCredentials.DurationSecondsKey, out string? seconds) ? seconds : null);
            }
        }

        var settings = new Settings(profile, tokenFile, roleArn, sessionName, duration);
        Volatile.Write(ref _settings, settings);
        return settings;
    }

    private string? Variable(string name)
    {
        string? value = _getEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private sealed record Settings(string Profile, string? TokenFile, string? RoleArn, string? SessionName, int? DurationSeconds);
}
