namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Reads a profile's static credentials (<c>aws_access_key_id</c>, <c>aws_secret_access_key</c>,
/// optional <c>aws_session_token</c>) from the shared credentials file, then from the shared config
/// file. The profile is the constructor's, else <c>AWS_PROFILE</c>, else <c>default</c>; the files are
/// <c>AWS_SHARED_CREDENTIALS_FILE</c> (else <c>~/.aws/credentials</c>) and <c>AWS_CONFIG_FILE</c>
/// (else <c>~/.aws/config</c>).
/// </summary>
/// <remarks>
/// The files are read on first use and the credentials kept; create a new provider to see a change.
/// SSO, assume-role and <c>credential_process</c> profiles are not resolved here.
/// </remarks>
public sealed class SharedCredentialsFileProvider : IAwsCredentialsProvider, ICredentialsSource
{
    private const string AccessKeyIdKey = "aws_access_key_id";
    private const string SecretAccessKeyKey = "aws_secret_access_key";
    private const string SessionTokenKey = "aws_session_token";
    private const string AccountIdKey = "aws_account_id";

    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly string? _profileName;
    private AwsCredentials? _cached;

    /// <summary>Creates a provider that reads the process environment and the files it names.</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    public SharedCredentialsFileProvider(string? profileName = null)
        : this(profileName, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>
    /// Creates a provider that reads environment variables through <paramref name="getEnvironmentVariable"/>
    /// (for tests: give <c>AWS_SHARED_CREDENTIALS_FILE</c>, <c>AWS_CONFIG_FILE</c> or <c>HOME</c> explicit paths).
    /// </summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null when it is not set.</param>
    public SharedCredentialsFileProvider(string? profileName, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _profileName = profileName;
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    /// <summary>The profile this provider reads.</summary>
    public string ProfileName => SharedConfigFile.ResolveProfileName(_profileName, _getEnvironmentVariable);

    string ICredentialsSource.Description => $"shared credentials and config files (profile '{ProfileName}')";

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">Neither file has static credentials for the profile, or a file cannot be read.</exception>
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return TryGetCredentials(out AwsCredentials? credentials, out string? failure)
            ? new ValueTask<AwsCredentials>(credentials)
            : throw new AwsCredentialsException($"No AWS credentials for profile '{ProfileName}': {failure}.");
    }

    /// <inheritdoc cref="ICredentialsSource.TryGetCredentials" />
    /// <exception cref="AwsCredentialsException">A file exists but cannot be read or parsed.</exception>
    internal bool TryGetCredentials([NotNullWhen(true)] out AwsCredentials? credentials, [NotNullWhen(false)] out string? failure)
    {
        credentials = Volatile.Read(ref _cached);
        if (credentials is not null)
        {
            failure = null;
            return true;
        }

        string profile = ProfileName;
        SharedConfigFile credentialsFile = Load(() => SharedConfigFile.LoadCredentialsFile(_getEnvironmentVariable), "credentials");
        SharedConfigFile configFile = Load(() => SharedConfigFile.LoadConfigFile(_getEnvironmentVariable), "config");

        // The credentials file wins over the config file, as in the AWS CLI and SDKs. A profile with
        // half a key pair is an error rather than a reason to look further (as in botocore).
        ProfileLookup fromCredentialsFile = TryRead(credentialsFile, profile, out credentials, out string? credentialsFileProblem);
        if (fromCredentialsFile == ProfileLookup.NotFound)
        {
            ProfileLookup fromConfigFile = TryRead(configFile, profile, out credentials, out string? configFileProblem);
            if (fromConfigFile == ProfileLookup.Found && credentials is not null)
            {
                Volatile.Write(ref _cached, credentials);
                failure = null;
                return true;
            }

            failure = fromConfigFile == ProfileLookup.Incomplete ? configFileProblem! : $"{credentialsFileProblem}; {configFileProblem}";
            return false;
        }

        if (fromCredentialsFile == ProfileLookup.Found && credentials is not null)
        {
            Volatile.Write(ref _cached, credentials);
            failure = null;
            return true;
        }

        failure = credentialsFileProblem!;
        return false;
    }

    bool ICredentialsSource.TryGetCredentials([NotNullWhen(true)] out AwsCredentials? credentials, [NotNullWhen(false)] out string? failure) =>
        TryGetCredentials(out credentials, out failure);

    private static SharedConfigFile Load(Func<SharedConfigFile> load, string which)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            // The inner exceptions name the file and line only, never a line's text.
            throw new AwsCredentialsException($"The shared {which} file cannot be read: {ex.Message}", ex);
        }
    }

    private static ProfileLookup TryRead(SharedConfigFile file, string profile, out AwsCredentials? credentials, out string? problem)
    {
        credentials = null;
        string name = file.Path is null
            ? $"no {(file.Kind == SharedConfigFileKind.Config ? "config" : "credentials")} file (no home directory)"
            : $"'{file.Path}'";
        if (!file.Exists)
        {
            problem = file.Path is null ? name : $"{name} does not exist";
            return ProfileLookup.NotFound;
        }

        if (!file.ContainsProfile(profile))
        {
            problem = $"{name} has no profile '{profile}'";
            return ProfileLookup.NotFound;
        }

        bool hasKeyId = file.TryGetValue(profile, AccessKeyIdKey, out string? accessKeyId) && accessKeyId.Length > 0;
        bool hasSecret = file.TryGetValue(profile, SecretAccessKeyKey, out string? secretAccessKey) && secretAccessKey.Length > 0;
        if (!hasKeyId && !hasSecret)
        {
            problem = $"profile '{profile}' in {name} has no {AccessKeyIdKey} and {SecretAccessKeyKey} (SSO, role and process credentials are not resolved by this provider)";
            return ProfileLookup.NotFound;
        }

        if (!hasKeyId || !hasSecret)
        {
            problem = $"profile '{profile}' in {name} has {(hasKeyId ? AccessKeyIdKey : SecretAccessKeyKey)} but no {(hasKeyId ? SecretAccessKeyKey : AccessKeyIdKey)}";
            return ProfileLookup.Incomplete;
        }

        file.TryGetValue(profile, SessionTokenKey, out string? sessionToken);
        file.TryGetValue(profile, AccountIdKey, out string? accountId);
        credentials = new AwsCredentials(accessKeyId!, secretAccessKey!, sessionToken, accountId);
        problem = null;
        return ProfileLookup.Found;
    }

    private enum ProfileLookup
    {
        Found,
        NotFound,
        Incomplete,
    }
}
