namespace SsoOidcCodegen.Runtime.Auth;

using System;
using System.Net.Http;

/// <summary>
/// The HTTP client of the container and instance metadata providers: no proxy (the endpoints are
/// link-local or loopback), a one-second connect timeout, shared by every provider in the process.
/// </summary>
internal static class MetadataHttp
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(
        new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    });

    public static HttpClient Shared => SharedClient.Value;
}
