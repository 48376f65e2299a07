namespace SsoOidcCodegen.Benchmarks.Client;

using System.Net.Http;
using Amazon.Runtime;

/// <summary>Hands the official SDK one HttpClient over the shared in-memory handler, kept for the factory's lifetime.</summary>
public sealed class SharedHandlerHttpClientFactory : HttpClientFactory
{
    private readonly HttpClient httpClient;

    /// <summary>Creates the factory over the handler (which it never disposes).</summary>
    public SharedHandlerHttpClientFactory(HttpMessageHandler handler) => httpClient = new HttpClient(handler, disposeHandler: false);

    /// <inheritdoc/>
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => httpClient;

    /// <inheritdoc/>
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    /// <inheritdoc/>
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
