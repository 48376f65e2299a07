namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Pipeline;

/// <summary>Operations the model marks <c>noAuth</c>: the request goes out as it is, without asking for credentials.</summary>
internal sealed class NoAuthSigner : IRequestSigner
{
    /// <summary>The one instance (the signer has no state).</summary>
    public static readonly NoAuthSigner Instance = new();

    private NoAuthSigner()
    {
    }

    /// <inheritdoc/>
    public ValueTask SignAsync(HttpRequestMessage message, ReadOnlyMemory<byte> body, CallContext context, CancellationToken cancellationToken) => default;
}
