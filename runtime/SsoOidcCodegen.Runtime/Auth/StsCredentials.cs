namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Sts;

/// <summary>Options of <see cref="AssumeRoleCredentialsProvider"/> and <see cref="WebIdentityCredentialsProvider"/>.</summary>
public sealed class StsCredentialsProviderOptions
{
    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The HTTP client for STS; null for the client's own.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>An STS endpoint instead of <c>https://sts.REGION.amazonaws.com</c> (<c>AWS_ENDPOINT_URL_STS</c>, else <c>AWS_ENDPOINT_URL</c>, wins).</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Role credentials are fetched again this long before they expire (5 minutes).</summary>
    public TimeSpan CredentialsExpiryWindow { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>What the STS-based providers share: the profile files, the STS client and the credentials cache.</summary>
internal static class StsCredentials
{
    public const string RoleArnKey = "role_arn";
    public const string SourceProfileKey = "source_profile";
    public const string CredentialSourceKey = "credential_source";
    public const string RoleSessionNameKey = "role_session_name";
    public const string ExternalIdKey = "external_id";
    public const string DurationSecondsKey = "duration_seconds";
    public const string WebIdentityTokenFileKey = "web_identity_token_file";

    /// <summary>A profile's setting from the config file, else the credentials file (as botocore merges them).</summary>
    public static bool TryGetSetting(Profiles files, string profile, string key, [NotNullWhen(true)] out string? value)
    {
        if (files.Config.TryGetValue(profile, key, out value) && value.Length > 0)
        {
            return true;
        }

        if (files.Credentials.TryGetValue(profile, key, out value) && value.Length > 0)
        {
            return true;
        }

        value = null;
        return false;
    }

    public static Profiles LoadProfiles(Func<string, string?> getEnvironmentVariable) =>
        new(Load(() => SharedConfigFile.LoadConfigFile(getEnvironmentVariable), "config"),
            Load(() => SharedConfigFile.LoadCredentialsFile(getEnvironmentVariable), "credentials"));

    public static int? ParseDuration(string profile, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0
            ? seconds
            : throw new AwsCredentialsException($"Profile '{profile}' has a {DurationSecondsKey} that is not a positive whole number of seconds.");
    }

    /// <summary>A session name when none is configured, as the SDKs make one: a prefix and the time.</summary>
    public static string DefaultSessionName(TimeProvider timeProvider) =>
        "ssooidccodegen-session-" + timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static StsClient CreateClient(Func<string, string?> getEnvironmentVariable, StsCredentialsProviderOptions options, string? profile, IAwsCredentialsProvider credentials)
    {
        string? region = null;
        try
        {
            region = RegionResolver.Resolve(null, getEnvironmentVariable, profile);
        }
        catch (Exception ex) when (ex is FormatException or System.IO.IOException or UnauthorizedAccessException)
        {
            // The profile files were read already; a region is optional here.
        }

        return new StsClient(new AwsClientOptions
        {
            // Without a region the SDKs use STS's global endpoint, which is us-east-1's.
            Region = region ?? "us-east-1",
            ServiceUrl = Endpoint(getEnvironmentVariable) ?? options.ServiceUrl,
            HttpClient = options.HttpClient,
            TimeProvider = options.TimeProvider,
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Credentials = credentials,
            UserAgentSuffix = "sts-credentials",
        });
    }

    /// <summary>The credentials of an STS answer, checked, with their expiry.</summary>
    public static Cached FromResponse(Sts.Model.Credentials? credentials, string? assumedRoleArn, string operation)
    {
        if (credentials is null
            || string.IsNullOrEmpty(credentials.AccessKeyId)
            || string.IsNullOrEmpty(credentials.SecretAccessKey)
            || string.IsNullOrEmpty(credentials.SessionToken)
            || credentials.Expiration is not { } expiration)
        {
            throw new AwsCredentialsException($"STS answered {operation} without complete credentials.");
        }

        return new Cached(new AwsCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, AwsCredentials.AccountIdOfArn(assumedRoleArn)), expiration);
    }

    /// <summary>An STS error as a credentials error: the code and the service's message (STS never echoes secrets), the typed exception inside.</summary>
    public static AwsCredentialsException Failed(string what, AwsServiceException error) =>
        new($"{what} failed: STS answered {error.ErrorCode} ({(int)error.StatusCode}): {error.Message}", error);

    private static Uri? Endpoint(Func<string, string?> getEnvironmentVariable)
    {
        string? value = getEnvironmentVariable("AWS_ENDPOINT_URL_STS");
        if (string.IsNullOrEmpty(value))
        {
            value = getEnvironmentVariable("AWS_ENDPOINT_URL");
        }

        return !string.IsNullOrEmpty(value) && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ? uri : null;
    }

    private static SharedConfigFile Load(Func<SharedConfigFile> load, string which)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is FormatException or System.IO.IOException or UnauthorizedAccessException)
        {
            throw new AwsCredentialsException($"The shared {which} file cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The two shared files.</summary>
    public sealed record Profiles(SharedConfigFile Config, SharedConfigFile Credentials)
    {
        public bool Contains(string profile) => Config.ContainsProfile(profile) || Credentials.ContainsProfile(profile);
    }

    /// <summary>Credentials and when they expire.</summary>
    public sealed record Cached(AwsCredentials Credentials, DateTimeOffset Expiration)
    {
        public bool IsFresh(StsCredentialsProviderOptions options) =>
            Expiration - options.TimeProvider.GetUtcNow() > options.CredentialsExpiryWindow;
    }

    /// <summary>Role credentials kept until shortly before they expire; one fetch at a time, shared by both STS providers.</summary>
    public sealed class Cache : IDisposable
    {
        private readonly StsCredentialsProviderOptions options;
        private readonly SemaphoreSlim gate = new(1, 1);
        private Cached? cached;

        public Cache(StsCredentialsProviderOptions options) => this.options = options;

        /// <summary>The kept credentials while they are fresh, else null.</summary>
        public AwsCredentials? Fresh => Volatile.Read(ref cached) is { } kept && kept.IsFresh(options) ? kept.Credentials : null;

        /// <summary>The fresh credentials, or the ones <paramref name="fetch"/> gets (called by one caller at a time).</summary>
        public async ValueTask<AwsCredentials> GetAsync(Func<CancellationToken, Task<Cached>> fetch, CancellationToken cancellationToken)
        {
            if (Fresh is { } fresh)
            {
                return fresh;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (Fresh is { } fetchedMeanwhile)
                {
                    return fetchedMeanwhile;
                }

                Cached fetched = await fetch(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref cached, fetched);
                return fetched.Credentials;
            }
            finally
            {
                gate.Release();
            }
        }

        public void Dispose() => gate.Dispose();
    }

    /// <summary>Calls that need no signature (AssumeRoleWithWebIdentity).</summary>
    public sealed class NoCredentials : IAwsCredentialsProvider
    {
        public static readonly NoCredentials Instance = new();

        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            throw new AwsCredentialsException("AssumeRoleWithWebIdentity is an unsigned call.");
    }
}
