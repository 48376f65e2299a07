namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Reads credentials from <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and (optional)
/// <c>AWS_SESSION_TOKEN</c>. The variables are read on every call, so a change is seen at once.
/// </summary>
public sealed class EnvironmentCredentialsProvider : IAwsCredentialsProvider, ICredentialsSource
{
    /// <summary>The variable that holds the access key id.</summary>
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";

    /// <summary>The variable that holds the secret access key.</summary>
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";

    /// <summary>The variable that holds the session token of temporary credentials.</summary>
    public const string SessionTokenVariable = "AWS_SESSION_TOKEN";

    /// <summary>The variable holding the account id the credentials belong to (optional; see <see cref="AwsCredentials.AccountId"/>).</summary>
    public const string AccountIdVariable = "AWS_ACCOUNT_ID";

    private readonly Func<string, string?> _getEnvironmentVariable;
    private AwsCredentials? _last;

    /// <summary>Creates a provider that reads the process environment.</summary>
    public EnvironmentCredentialsProvider()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a provider that reads variables through <paramref name="getEnvironmentVariable"/> (for tests).</summary>
    /// <param name="getEnvironmentVariable">Returns a variable's value, or null when it is not set.</param>
    public EnvironmentCredentialsProvider(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _getEnvironmentVariable = getEnvironmentVariable;
    }

    string ICredentialsSource.Description => "environment variables";

    /// <inheritdoc />
    /// <exception cref="AwsCredentialsException">A required variable is not set.</exception>
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return TryGetCredentials(out AwsCredentials? credentials, out string? failure)
            ? new ValueTask<AwsCredentials>(credentials)
            : throw new AwsCredentialsException($"No AWS credentials in the environment: {failure}.");
    }

    /// <inheritdoc cref="ICredentialsSource.TryGetCredentials" />
    internal bool TryGetCredentials([NotNullWhen(true)] out AwsCredentials? credentials, [NotNullWhen(false)] out string? failure)
    {
        credentials = null;
        string? accessKeyId = Read(AccessKeyIdVariable);
        string? secretAccessKey = Read(SecretAccessKeyVariable);
        if (accessKeyId is null && secretAccessKey is null)
        {
            failure = $"{AccessKeyIdVariable} and {SecretAccessKeyVariable} are not set";
            return false;
        }

        if (accessKeyId is null)
        {
            failure = $"{SecretAccessKeyVariable} is set but {AccessKeyIdVariable} is not";
            return false;
        }

        if (secretAccessKey is null)
        {
            failure = $"{AccessKeyIdVariable} is set but {SecretAccessKeyVariable} is not";
            return false;
        }

        // The same values give the same instance, so a signer's cached signing key keeps matching.
        string? sessionToken = Read(SessionTokenVariable);
        string? accountId = Read(AccountIdVariable);
        AwsCredentials? last = Volatile.Read(ref _last);
        if (last is not null && last.AccessKeyId == accessKeyId && last.SecretAccessKey == secretAccessKey && last.SessionToken == sessionToken && last.AccountId == accountId)
        {
            credentials = last;
        }
        else
        {
            credentials = new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, accountId);
            Volatile.Write(ref _last, credentials);
        }

        failure = null;
        return true;
    }

    bool ICredentialsSource.TryGetCredentials([NotNullWhen(true)] out AwsCredentials? credentials, [NotNullWhen(false)] out string? failure) =>
        TryGetCredentials(out credentials, out failure);

    private string? Read(string variable)
    {
        string? value = _getEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
