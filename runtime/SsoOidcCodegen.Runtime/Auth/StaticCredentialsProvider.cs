namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Threading;
using System.Threading.Tasks;

/// <summary>Always supplies the same credentials.</summary>
public sealed class StaticCredentialsProvider : IAwsCredentialsProvider
{
    private readonly AwsCredentials _credentials;

    /// <summary>Creates the provider.</summary>
    /// <param name="credentials">The credentials to supply.</param>
    public StaticCredentialsProvider(AwsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
    }

    /// <summary>Creates the provider from an access key pair and an optional session token.</summary>
    /// <param name="accessKeyId">The access key id.</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="sessionToken">The session token of temporary credentials, or null.</param>
    /// <param name="accountId">The account the credentials belong to (see <see cref="AwsCredentials.AccountId"/>), or null.</param>
    public StaticCredentialsProvider(string accessKeyId, string secretAccessKey, string? sessionToken = null, string? accountId = null)
        : this(new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, accountId))
    {
    }

    /// <inheritdoc />
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<AwsCredentials>(_credentials);
    }
}
