namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The default way to find credentials: the environment variables
/// (<see cref="EnvironmentCredentialsProvider"/>), then the shared credentials and config files
/// (<see cref="SharedCredentialsFileProvider"/>). The first source that has credentials wins.
/// </summary>
public sealed class DefaultCredentialsChain : IAwsCredentialsProvider
{
    private readonly ICredentialsSource[] _sources;

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
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _sources =
        [
            new EnvironmentCredentialsProvider(getEnvironmentVariable),
            new SharedCredentialsFileProvider(profileName, getEnvironmentVariable),
        ];
    }

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">No source has credentials; the message lists each source and why.</exception>
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Asking every source in order each time is cheap: the environment is two lookups and the
        // shared-file provider keeps what it read. Sources report absence without throwing.
        string[] failures = new string[_sources.Length];
        for (int i = 0; i < _sources.Length; i++)
        {
            if (_sources[i].TryGetCredentials(out AwsCredentials? credentials, out string? failure))
            {
                return new ValueTask<AwsCredentials>(credentials);
            }

            failures[i] = failure;
        }

        var message = new StringBuilder("No AWS credentials were found. Tried, in order:");
        for (int i = 0; i < _sources.Length; i++)
        {
            message.Append(Environment.NewLine).Append("- ").Append(_sources[i].Description).Append(": ").Append(failures[i]).Append('.');
        }

        throw new AwsCredentialsException(message.ToString());
    }
}
