namespace SsoOidcCodegen.Runtime.Auth;

using System.Threading;
using System.Threading.Tasks;

/// <summary>Supplies the credentials a client signs its requests with.</summary>
public interface IAwsCredentialsProvider
{
    /// <summary>Returns the credentials to sign the next request with.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="AwsCredentialsException">No credentials could be found.</exception>
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
