namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The default way to find credentials, in the AWS SDKs' order: the environment variables
/// (<see cref="EnvironmentCredentialsProvider"/>), a <c>role_arn</c> profile (<see cref="AssumeRoleCredentialsProvider"/>),
/// web identity (<see cref="WebIdentityCredentialsProvider"/>), an SSO profile (<see cref="SsoCredentialsProvider"/>),
/// static keys in the shared credentials and config files (<see cref="SharedCredentialsFileProvider"/>),
/// the profile's <c>credential_process</c> (<see cref="ProcessCredentialsProvider"/>), the container
/// credentials endpoint (<see cref="ContainerCredentialsProvider"/>) and the EC2 instance metadata
/// service (<see cref="InstanceMetadataCredentialsProvider"/>). The first source that has credentials
/// wins; a source that is configured but fails (an SSO profile without a valid sign-in, a failing
/// process, a role STS refuses) stops the search with its own error. This is botocore's order.
/// </summary>
public sealed class DefaultCredentialsChain : IAwsCredentialsProvider
{
    private readonly object[] _sources;

    /// <summary>Creates the chain over the process environment.</summary>
    /// <param name="profileName">The shared-file profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    public DefaultCredentialsChain(string? profileName = null)
        : this(profileName, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates the chain reading environment variables through <paramref name="getEnvironmentVariable"/> (for tests).</summary>
    /// <param name="profileName">The shared-file profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null when it is not set.</param>
    public DefaultCredentialsChain(string? profileName, Func<string, string?> getEnvironmentVariable)
        : this(profileName, getEnvironmentVariable, null)
    {
    }

    /// <summary>Creates the chain with options for its SSO source (for tests and local services).</summary>
    /// <param name="profileName">The shared-file profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="ssoOptions">Options of the SSO source; null for the defaults.</param>
    public DefaultCredentialsChain(string? profileName, Func<string, string?> getEnvironmentVariable, SsoCredentialsProviderOptions? ssoOptions)
        : this(profileName, getEnvironmentVariable, ssoOptions, null)
    {
    }

    /// <summary>Creates the chain with options for its SSO and STS sources (for tests and local services).</summary>
    /// <param name="profileName">The shared-file profile; null for <c>AWS_PROFILE</c>, else <c>default</c>.</param>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="ssoOptions">Options of the SSO source; null for the defaults.</param>
    /// <param name="stsOptions">Options of the assume-role and web identity sources; null for the defaults.</param>
    public DefaultCredentialsChain(
        string? profileName, Func<string, string?> getEnvironmentVariable, SsoCredentialsProviderOptions? ssoOptions, StsCredentialsProviderOptions? stsOptions)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _sources =
        [
            new EnvironmentCredentialsProvider(getEnvironmentVariable),
            new AssumeRoleCredentialsProvider(profileName, getEnvironmentVariable, stsOptions),
            new WebIdentityCredentialsProvider(profileName, getEnvironmentVariable, stsOptions),
            new SsoCredentialsProvider(profileName, getEnvironmentVariable, ssoOptions),
            new SharedCredentialsFileProvider(profileName, getEnvironmentVariable),
            new ProcessCredentialsProvider(profileName, getEnvironmentVariable, ssoOptions?.TimeProvider),
            new ContainerCredentialsProvider(getEnvironmentVariable, timeProvider: ssoOptions?.TimeProvider),
            new InstanceMetadataCredentialsProvider(getEnvironmentVariable, timeProvider: ssoOptions?.TimeProvider),
        ];
    }

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">No source has credentials (the message lists each source and why), or a configured source failed.</exception>
    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Asking every source in order each time is cheap: the environment is two lookups, the
        // shared-file provider keeps what it read, and the others keep their credentials until
        // shortly before they expire. Sources report absence without throwing.
        string[] failures = new string[_sources.Length];
        string[] descriptions = new string[_sources.Length];
        for (int i = 0; i < _sources.Length; i++)
        {
            switch (_sources[i])
            {
                case ICredentialsSource source:
                    descriptions[i] = source.Description;
                    if (source.TryGetCredentials(out AwsCredentials? credentials, out string? failure))
                    {
                        return credentials;
                    }

                    failures[i] = failure;
                    break;
                case IAsyncCredentialsSource source:
                    descriptions[i] = source.Description;
                    CredentialsLookup lookup = await source.TryGetCredentialsAsync(cancellationToken).ConfigureAwait(false);
                    if (lookup.Credentials is { } found)
                    {
                        return found;
                    }

                    failures[i] = lookup.Failure ?? "no credentials";
                    break;
            }
        }

        var message = new StringBuilder("No AWS credentials were found. Tried, in order:");
        for (int i = 0; i < _sources.Length; i++)
        {
            message.Append(Environment.NewLine).Append("- ").Append(descriptions[i]).Append(": ").Append(failures[i]).Append('.');
        }

        throw new AwsCredentialsException(message.ToString());
    }
}
