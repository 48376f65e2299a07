namespace SsoOidcCodegen.Benchmarks.Client;

using System;
using System.Net.Http;
using System.Threading.Tasks;

/// <summary>
/// The floor: what any client must at least do to make the call. A hand-written request with the
/// official SDK's body bytes and the same fixed headers, sent through an HttpClient over the same
/// handler, and the answer's body read; no client, no marshalling, no parsing, no signing.
/// </summary>
public sealed class RawFloor : IDisposable
{
    private static readonly Uri RegisterClientUri = new(BenchmarkRequests.ServiceUrl + "/client/register");
    private static readonly Uri DeviceAuthorizationUri = new(BenchmarkRequests.ServiceUrl + "/device_authorization");
    private static readonly Uri TokenUri = new(BenchmarkRequests.ServiceUrl + "/token");
    private static readonly Uri TokenWithIamUri = new(BenchmarkRequests.ServiceUrl + "/token?aws_iam=t");
    private readonly HttpClient httpClient;

    /// <summary>Creates the floor over the shared handler.</summary>
    public RawFloor(HttpMessageHandler handler) => httpClient = new HttpClient(handler, disposeHandler: false);

    /// <summary>RegisterClient.</summary>
    public Task<int> RegisterClientAsync() => SendAsync(RegisterClientUri, BenchmarkRequests.Bodies.RegisterClient);

    /// <summary>StartDeviceAuthorization.</summary>
    public Task<int> StartDeviceAuthorizationAsync() => SendAsync(DeviceAuthorizationUri, BenchmarkRequests.Bodies.StartDeviceAuthorization);

    /// <summary>CreateToken (success or pending: the handler decides).</summary>
    public Task<int> CreateTokenAsync() => SendAsync(TokenUri, BenchmarkRequests.Bodies.CreateToken);

    /// <summary>CreateTokenWithIAM, unsigned.</summary>
    public Task<int> CreateTokenWithIamAsync() => SendAsync(TokenWithIamUri, BenchmarkRequests.Bodies.CreateTokenWithIam);

    /// <inheritdoc/>
    public void Dispose() => httpClient.Dispose();

    private async Task<int> SendAsync(Uri uri, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.TryAddWithoutValidation("x-amz-api-version", "2019-06-10");
        request.Headers.TryAddWithoutValidation("User-Agent", "raw-floor/1.0");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using HttpResponseMessage response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        byte[] answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return (int)response.StatusCode + answer.Length;
    }
}
