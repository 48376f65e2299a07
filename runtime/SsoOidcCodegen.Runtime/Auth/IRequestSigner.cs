namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Pipeline;

/// <summary>
/// Authenticates one attempt's request: adds what the operation's auth scheme needs (nothing, a
/// bearer token, a SigV4 signature). A signer keeps no per-call state; what one call learns (the
/// clock skew it observed) is in its <see cref="CallContext"/>.
/// </summary>
internal interface IRequestSigner
{
    /// <summary>Adds the authentication to <paramref name="message"/>, whose headers and body are final.</summary>
    /// <param name="message">The attempt's request.</param>
    /// <param name="body">The exact body bytes that will be sent.</param>
    /// <param name="context">The call the attempt belongs to.</param>
    /// <param name="cancellationToken">The attempt's token.</param>
    ValueTask SignAsync(HttpRequestMessage message, ReadOnlyMemory<byte> body, CallContext context, CancellationToken cancellationToken);
}
