namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Sts;
using SsoOidcCodegen.Runtime.Sts.Model;

/// <summary>
/// Role credentials for a profile with <c>role_arn</c>, as the AWS CLI and SDKs take them: STS
/// AssumeRole, signed with the credentials of the profile's <c>source_profile</c> or of its
/// <c>credential_source</c> (<c>Environment</c>, <c>Ec2InstanceMetadata</c> or <c>EcsContainer</c>).
/// </summary>
/// <remarks>
/// <para>A <c>source_profile</c> with static keys (<c>aws_access_key_id</c>/<c>aws_secret_access_key</c>)
/// signs with those keys; one with a <c>role_arn</c> of its own is resolved first (role chaining), to
/// any depth. A chain that comes back to a profile it already passed is an error naming the cycle; a
/// profile that names itself as its source is allowed when it has static keys (as in botocore).</para>
/// <para>Settings: <c>role_session_name</c> (else a generated name), <c>external_id</c>,
/// <c>duration_seconds</c>. A profile with <c>web_identity_token_file</c> belongs to
/// <see cref="WebIdentityCredentialsProvider"/>.</para>
/// <para>Credentials are kept until <see cref="StsCredentialsProviderOptions.CredentialsExpiryWindow"/>
/// before they expire; concurrent callers share one fetch. The STS endpoint is
/// <c>AWS_ENDPOINT_URL_STS</c>, else <c>AWS_ENDPOINT_URL</c>, else <see cref="StsCredentialsProviderOptions.ServiceUrl"/>,
/// else <c>https://sts.REGION.amazonaws.com</c>.</para>
/// </remarks>
public sealed class AssumeRoleCredentialsProvider : IAwsCredentialsProvider, IAsyncCredentialsSource, IDisposable
{
    private readonly string? _profileName;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly StsCredentialsProviderOptions _options;
    private readonly Dictionary<string, IAwsCredentialsProvider> _credentialSources = new(StringComparer.Ordinal);
    private readonly StsCredentials.Cache _cache;
    private bool? _isRoleProfile;

    /// <summary>Creates a provider for a profile of the process's shared files.</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="options">Clock, HTTP client, endpoint and window; null for the defaults.</param>
    public AssumeRoleCredentialsProvider(string? profileName = null, StsCredentialsProviderOptions? options = null)
        : this(profileName, Environment.GetEnvironmentVariable, options)
    {
    }

    /// <summary>Creates a provider that reads environment variables through <paramref name="getEnvironmentVariable"/> (for tests).</summary>
    /// <param name="profileName">The profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null.</param>
    /// <param name="options">Clock, HTTP client, endpoint and window; null for the defaults.</param>
    public AssumeRoleCredentialsProvider(string? profileName, Func<string, string?> getEnvironmentVariable, StsCredentialsProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _profileName = profileName;
        _getEnvironmentVariable = getEnvironmentVariable;
        _options = options ?? new StsCredentialsProviderOptions();
        _cache = new StsCredentials.Cache(_options);
    }

    /// <summary>The profile this provider reads.</summary>
    public string ProfileName => SharedConfigFile.ResolveProfileName(_profileName, _getEnvironmentVariable);

    string IAsyncCredentialsSource.Description => $"assume role (profile '{ProfileName}')";

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">The profile has no usable role settings, its source has no credentials, the profiles form a cycle, or STS refused (the typed STS exception is the inner exception).</exception>
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        _cache.GetAsync(AssumeProfileRoleAsync, cancellationToken);

    private Task<StsCredentials.Cached> AssumeProfileRoleAsync(CancellationToken cancellationToken)
    {
        StsCredentials.Profiles files = StsCredentials.LoadProfiles(_getEnvironmentVariable);
        string profile = ProfileName;
        if (!StsCredentials.TryGetSetting(files, profile, StsCredentials.RoleArnKey, out _))
        {
            throw new AwsCredentialsException($"Profile '{profile}' has no {StsCredentials.RoleArnKey}, so there is no role to assume.");
        }

        return AssumeAsync(files, profile, [profile], cancellationToken);
    }

    async ValueTask<CredentialsLookup> IAsyncCredentialsSource.TryGetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (_cache.Fresh is { } fresh)
        {
            return new CredentialsLookup(fresh, null);
        }

        string profile = ProfileName;
        if (_isRoleProfile is not { } isRoleProfile)
        {
            StsCredentials.Profiles files = StsCredentials.LoadProfiles(_getEnvironmentVariable);
            isRoleProfile = StsCredentials.TryGetSetting(files, profile, StsCredentials.RoleArnKey, out _)
                && !StsCredentials.TryGetSetting(files, profile, StsCredentials.WebIdentityTokenFileKey, out _);
            _isRoleProfile = isRoleProfile;
        }

        if (!isRoleProfile)
        {
            return CredentialsLookup.NotConfigured($"profile '{profile}' has no {StsCredentials.RoleArnKey}");
        }

        // A role profile that fails stops the chain: other sources would sign as someone else.
        return new CredentialsLookup(await GetCredentialsAsync(cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Disposes the gate.</summary>
    public void Dispose() => _cache.Dispose();

    // Assumes the role of `profile`; `visited` holds the profiles on the way here, `profile` last.
    private async Task<StsCredentials.Cached> AssumeAsync(StsCredentials.Profiles files, string profile, List<string> visited, CancellationToken cancellationToken)
    {
        StsCredentials.TryGetSetting(files, profile, StsCredentials.RoleArnKey, out string? roleArn);
        bool hasSourceProfile = StsCredentials.TryGetSetting(files, profile, StsCredentials.SourceProfileKey, out string? sourceProfile);
        bool hasCredentialSource = StsCredentials.TryGetSetting(files, profile, StsCredentials.CredentialSourceKey, out string? credentialSource);
        if (hasSourceProfile == hasCredentialSource)
        {
            throw new AwsCredentialsException(hasSourceProfile
                ? $"Profile '{profile}' has both {StsCredentials.SourceProfileKey} and {StsCredentials.CredentialSourceKey}; give one of them."
                : $"Profile '{profile}' has a {StsCredentials.RoleArnKey} but neither {StsCredentials.SourceProfileKey} nor {StsCredentials.CredentialSourceKey}, so there are no credentials to assume the role with.");
        }

        IAwsCredentialsProvider source = hasCredentialSource
            ? CredentialSource(profile, credentialSource!)
            : await SourceProfileAsync(files, profile, sourceProfile!, visited, cancellationToken).ConfigureAwait(false);

        StsCredentials.TryGetSetting(files, profile, StsCredentials.RoleSessionNameKey, out string? sessionName);
        StsCredentials.TryGetSetting(files, profile, StsCredentials.ExternalIdKey, out string? externalId);
        StsCredentials.TryGetSetting(files, profile, StsCredentials.DurationSecondsKey, out string? duration);
        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = sessionName ?? StsCredentials.DefaultSessionName(_options.TimeProvider),
            ExternalId = externalId,
            DurationSeconds = StsCredentials.ParseDuration(profile, duration),
        };

        using StsClient client = StsCredentials.CreateClient(_getEnvironmentVariable, _options, profile, source);
        AssumeRoleResponse response;
        try
        {
            response = await client.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            throw StsCredentials.Failed($"Assuming role {roleArn} for profile '{profile}'", error);
        }

        return StsCredentials.FromResponse(response.Credentials, response.AssumedRoleUser?.Arn, "AssumeRole");
    }

    private async Task<IAwsCredentialsProvider> SourceProfileAsync(
        StsCredentials.Profiles files, string profile, string sourceProfile, List<string> visited, CancellationToken cancellationToken)
    {
        if (!files.Contains(sourceProfile))
        {
            throw new AwsCredentialsException($"Profile '{profile}' names {StsCredentials.SourceProfileKey} '{sourceProfile}', which does not exist.");
        }

        var staticKeys = new SharedCredentialsFileProvider(sourceProfile, _getEnvironmentVariable);
        bool hasStaticKeys = staticKeys.TryGetCredentials(out AwsCredentials? keys, out _);

        // A profile may name itself as its source when it has keys: they sign its role request.
        if (visited.Contains(sourceProfile) && !(sourceProfile == profile && hasStaticKeys))
        {
            throw new AwsCredentialsException(
                $"The {StsCredentials.SourceProfileKey} settings form a cycle: {string.Join(" -> ", visited)} -> {sourceProfile}.");
        }

        if (hasStaticKeys)
        {
            return new StaticCredentialsProvider(keys!);
        }

        if (StsCredentials.TryGetSetting(files, sourceProfile, StsCredentials.RoleArnKey, out _))
        {
            visited.Add(sourceProfile);
            StsCredentials.Cached chained = await AssumeAsync(files, sourceProfile, visited, cancellationToken).ConfigureAwait(false);
            return new StaticCredentialsProvider(chained.Credentials);
        }

        throw new AwsCredentialsException(
            $"{StsCredentials.SourceProfileKey} '{sourceProfile}' of profile '{profile}' has neither static keys nor a {StsCredentials.RoleArnKey}.");
    }

    private IAwsCredentialsProvider CredentialSource(string profile, string name)
    {
        if (_credentialSources.TryGetValue(name, out IAwsCredentialsProvider? known))
        {
            return known;
        }

        IAwsCredentialsProvider created = name switch
        {
            "Environment" => new EnvironmentCredentialsProvider(_getEnvironmentVariable),
            "Ec2InstanceMetadata" => new InstanceMetadataCredentialsProvider(_getEnvironmentVariable, timeProvider: _options.TimeProvider),
            "EcsContainer" => new ContainerCredentialsProvider(_getEnvironmentVariable, timeProvider: _options.TimeProvider),
            _ => throw new AwsCredentialsException(
                $"Profile '{profile}' has {StsCredentials.CredentialSourceKey} '{name}'; the supported values are Environment, Ec2InstanceMetadata and EcsContainer."),
        };
        _credentialSources[name] = created;
        return created;
    }
}
