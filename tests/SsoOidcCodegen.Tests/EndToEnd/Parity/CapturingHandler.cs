namespace SsoOidcCodegen.Tests.EndToEnd.Parity;

using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

/// <summary>Keeps the body of every response it passes on, so a test can compare what a client surfaced with what the wire carried.</summary>
public sealed class CapturingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly List<byte[]> _responses = [];

    /// <summary>The response bodies so far, in order.</summary>
    public IReadOnlyList<byte[]> Responses
    {
        get
        {
            lock (_responses)
            {
                return [.. _responses];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var copy = new ByteArrayContent(body);
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = copy;
        lock (_responses)
        {
            _responses.Add(body);
        }

        return response;
    }
}

/// <summary>Hands the official SDK an HttpClient over a <see cref="CapturingHandler"/>.</summary>
public sealed class CapturingHttpClientFactory(CapturingHandler handler) : Amazon.Runtime.HttpClientFactory
{
    public override HttpClient CreateHttpClient(Amazon.Runtime.IClientConfig clientConfig) => new(handler, disposeHandler: false);

    public override bool UseSDKHttpClientCaching(Amazon.Runtime.IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(Amazon.Runtime.IClientConfig clientConfig) => false;
}
