namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Http;
using SsoOidcCodegen.Runtime.Pipeline;

/// <summary>Bearer auth: <c>Authorization: Bearer &lt;token&gt;</c> with the token from <see cref="AwsClientOptions.BearerToken"/>.</summary>
internal sealed class BearerTokenSigner : IRequestSigner
{
    private readonly Func<CancellationToken, ValueTask<string>>? tokenProvider;

    /// <summary>Creates the signer.</summary>
    /// <param name="tokenProvider">Supplies the token for each attempt; null when none is configured (signing then fails with a clear error).</param>
    public BearerTokenSigner(Func<CancellationToken, ValueTask<string>>? tokenProvider) => this.tokenProvider = tokenProvider;

    /// <inheritdoc/>
    public async ValueTask SignAsync(HttpRequestMessage message, ReadOnlyMemory<byte> body, CallContext context, CancellationToken cancellationToken)
    {
        if (tokenProvider is null)
        {
            throw new AwsCredentialsException("This operation needs a bearer token: set AwsClientOptions.BearerToken.");
        }

        string token = await tokenProvider(cancellationToken).ConfigureAwait(false);

        // The token came from somewhere else (a cache file, another service): never let it add a header. The message names no value.
        if (string.IsNullOrEmpty(token) || HeaderValue.BreaksHeaderLine(token) || token.AsSpan().IndexOfAny(' ', '\t') >= 0)
        {
            throw new AwsCredentialsException(
                $"{context.OperationName}: the bearer token from AwsClientOptions.BearerToken is empty or holds a space, tab, CR, LF or NUL; the request was not sent.");
        }

        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
