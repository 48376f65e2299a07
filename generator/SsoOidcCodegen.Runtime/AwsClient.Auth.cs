namespace SsoOidcCodegen.Runtime;

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

/// <content>Authentication of requests.</content>
public abstract partial class AwsClient
{
    private void InitializeRuntime() => InitializeRetries();

    private ValueTask SignAsync(HttpRequestMessage message, AwsAuthScheme scheme, byte[]? body, CancellationToken cancellationToken)
    {
        _ = message;
        _ = body;
        _ = cancellationToken;
        if (scheme == AwsAuthScheme.None)
        {
            return default;
        }

        throw new NotSupportedException("Signing is not wired yet.");
    }

    private void ObserveClock(HttpResponseMessage response) => _ = response;
}
