namespace SsoOidcCodegen.Benchmarks.Client;

using System;
using System.Net.Http;
#if !COLD_SIDE_OURS
using Amazon.Runtime;
using Amazon.SSOOIDC;
#endif
#if !COLD_SIDE_PEER
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.SsoOidc;
#endif

/// <summary>
/// Builds both clients the same way for every benchmark: pointed at <see cref="BenchmarkRequests.ServiceUrl"/>,
/// sending through an HttpClient over the shared handler, signing with the same static keys, and
/// making one attempt per call (so neither retries the 400 of AuthorizationPending).
/// </summary>
public static class Clients
{
#if !COLD_SIDE_PEER
    /// <summary>Our generated client.</summary>
    public static SsoOidcClient CreateOurs(HttpMessageHandler handler) => new(new AwsClientOptions
    {
        ServiceUrl = new Uri(BenchmarkRequests.ServiceUrl),
        Region = BenchmarkRequests.Region,
        HttpClient = new HttpClient(handler, disposeHandler: false),
        Credentials = new StaticCredentialsProvider(BenchmarkRequests.AccessKeyId, BenchmarkRequests.SecretAccessKey),
        Retry = new RetryOptions { MaxAttempts = 1 },
    });
#endif
#if !COLD_SIDE_OURS

    /// <summary>The official SDK's client with anonymous credentials, for the three <c>noAuth</c> operations.</summary>
    public static AmazonSSOOIDCClient CreatePeerAnonymous(HttpMessageHandler handler) =>
        new(new AnonymousAWSCredentials(), CreatePeerConfig(handler));

    /// <summary>The official SDK's client with static keys, for CreateTokenWithIAM (SigV4).</summary>
    public static AmazonSSOOIDCClient CreatePeerSigned(HttpMessageHandler handler) =>
        new(new BasicAWSCredentials(BenchmarkRequests.AccessKeyId, BenchmarkRequests.SecretAccessKey), CreatePeerConfig(handler));

    private static AmazonSSOOIDCConfig CreatePeerConfig(HttpMessageHandler handler) => new()
    {
        ServiceURL = BenchmarkRequests.ServiceUrl,
        AuthenticationRegion = BenchmarkRequests.Region,
        HttpClientFactory = new SharedHandlerHttpClientFactory(handler),
        MaxErrorRetry = 0,
    };
#endif
}
