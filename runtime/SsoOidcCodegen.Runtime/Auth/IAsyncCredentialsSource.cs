namespace SsoOidcCodegen.Runtime.Auth;

using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A source of <see cref="DefaultCredentialsChain"/> that needs I/O (a process, a metadata endpoint,
/// the SSO portal): it reports "nothing configured here" as a failure reason so the chain moves on,
/// and throws <see cref="AwsCredentialsException"/> when it is configured but cannot deliver.
/// </summary>
internal interface IAsyncCredentialsSource
{
    /// <summary>What the chain calls this source in its error message.</summary>
    string Description { get; }

    /// <summary>The credentials, or null credentials with a reason (never a secret).</summary>
    ValueTask<CredentialsLookup> TryGetCredentialsAsync(CancellationToken cancellationToken);
}

/// <summary>The result of one source's lookup: credentials, or why there were none.</summary>
/// <param name="Credentials">The credentials, or null.</param>
/// <param name="Failure">Why there were none (when <paramref name="Credentials"/> is null).</param>
internal readonly record struct CredentialsLookup(AwsCredentials? Credentials, string? Failure)
{
    public static CredentialsLookup NotConfigured(string reason) => new(null, reason);
}
