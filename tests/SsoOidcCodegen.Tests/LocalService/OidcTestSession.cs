namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;

/// <summary>Credentials from RegisterClient.</summary>
public sealed record ClientCredentials(string ClientId, string ClientSecret);

/// <summary>The codes from StartDeviceAuthorization.</summary>
public sealed record DeviceCodes(string DeviceCode, string UserCode, string VerificationUri, string VerificationUriComplete, int ExpiresIn, int Interval);

/// <summary>
/// A started local service and a plain HttpClient pointed at it (no redirects followed, no
/// cookies), with the calls the tests make written out as the AWS SDK puts them on the wire.
/// </summary>
public sealed class OidcTestSession : IAsyncDisposable
{
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    private OidcTestSession(LocalSsoOidcService service, HttpClient http)
    {
        Service = service;
        Http = http;
    }

    public LocalSsoOidcService Service { get; }

    public HttpClient Http { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<OidcTestSession> StartAsync(LocalSsoOidcServiceOptions? options = null)
    {
        LocalSsoOidcService service = await LocalSsoOidcService.StartAsync(options, Cancellation);
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = service.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new OidcTestSession(service, http);
    }

    /// <summary>POSTs <paramref name="json"/> byte for byte, with the SDK's headers.</summary>
    public async Task<WireResponse> PostJsonAsync(string pathAndQuery, string json, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-amz-api-version", "2019-06-10");
        request.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("amz-sdk-request", "attempt=1; max=3");
        configure?.Invoke(request);
        return await SendAsync(request);
    }

    public Task<WireResponse> PostJsonAsync(string pathAndQuery, JsonObject body, Action<HttpRequestMessage>? configure = null) =>
        PostJsonAsync(pathAndQuery, body.ToJsonString(), configure);

    public async Task<WireResponse> SendAsync(HttpRequestMessage request)
    {
        using HttpResponseMessage response = await Http.SendAsync(request, Cancellation);
        return await WireResponse.ReadAsync(response, Cancellation);
    }

    public async Task<WireResponse> GetAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        return await SendAsync(request);
    }

    public async Task<ClientCredentials> RegisterClientAsync(JsonObject? body = null)
    {
        WireResponse response = await PostJsonAsync("/client/register", body ?? DeviceClientRegistration());
        Assert.True(response.StatusCode == 200, $"RegisterClient failed: {response}");
        return new ClientCredentials(response.String("clientId"), response.String("clientSecret"));
    }

    public static JsonObject DeviceClientRegistration() => new()
    {
        ["clientName"] = "botocore-client-test",
        ["clientType"] = "public",
        ["scopes"] = new JsonArray("sso:account:access"),
    };

    public static JsonObject PkceClientRegistration(string redirectUri, params string[] scopes) => new()
    {
        ["clientName"] = "pkce-test",
        ["clientType"] = "public",
        ["grantTypes"] = new JsonArray("authorization_code", "refresh_token"),
        ["redirectUris"] = new JsonArray(redirectUri),
        ["scopes"] = new JsonArray([.. Array.ConvertAll(scopes, s => (JsonNode?)JsonValue.Create(s))]),
    };

    public async Task<DeviceCodes> StartDeviceAuthorizationAsync(ClientCredentials client)
    {
        WireResponse response = await PostJsonAsync("/device_authorization", StartDeviceAuthorizationBody(client));
        Assert.True(response.StatusCode == 200, $"StartDeviceAuthorization failed: {response}");
        return new DeviceCodes(
            response.String("deviceCode"),
            response.String("userCode"),
            response.String("verificationUri"),
            response.String("verificationUriComplete"),
            response.Json.GetProperty("expiresIn").GetInt32(),
            response.Json.GetProperty("interval").GetInt32());
    }

    public static JsonObject StartDeviceAuthorizationBody(ClientCredentials client) => new()
    {
        ["clientId"] = client.ClientId,
        ["clientSecret"] = client.ClientSecret,
        ["startUrl"] = "https://my-sso-portal.awsapps.com/start",
    };

    public Task<WireResponse> PollDeviceTokenAsync(ClientCredentials client, string deviceCode) =>
        PostJsonAsync("/token", new JsonObject
        {
            ["clientId"] = client.ClientId,
            ["clientSecret"] = client.ClientSecret,
            ["deviceCode"] = deviceCode,
            ["grantType"] = DeviceCodeGrant,
        });

    public Task<WireResponse> RefreshAsync(ClientCredentials client, string refreshToken) =>
        PostJsonAsync("/token", new JsonObject
        {
            ["clientId"] = client.ClientId,
            ["clientSecret"] = client.ClientSecret,
            ["grantType"] = "refresh_token",
            ["refreshToken"] = refreshToken,
        });

    /// <summary>Registers a device client, approves its device authorization and redeems it.</summary>
    public async Task<(ClientCredentials Client, WireResponse Token)> SignInWithDeviceCodeAsync(JsonObject? registration = null)
    {
        ClientCredentials client = await RegisterClientAsync(registration);
        DeviceCodes codes = await StartDeviceAuthorizationAsync(client);
        Service.ApproveUserCode(codes.UserCode);
        WireResponse token = await PollDeviceTokenAsync(client, codes.DeviceCode);
        Assert.True(token.StatusCode == 200, $"CreateToken failed: {token}");
        return (client, token);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
    }
}

/// <summary>A PKCE verifier and its S256 challenge, computed the way RFC 7636 appendix B does.</summary>
public sealed record PkcePair(string Verifier, string Challenge)
{
    public static PkcePair Create()
    {
        string verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new PkcePair(verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}

/// <summary>Builds a well-formed (not validly signed) SigV4 Authorization header set for CreateTokenWithIAM.</summary>
public static class SigV4Headers
{
    public static void Add(HttpRequestMessage request, string service = "sso-oauth", DateTimeOffset? at = null)
    {
        DateTimeOffset now = at ?? DateTimeOffset.UtcNow;
        string date = now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", Convert.ToHexStringLower(SHA256.HashData([])));
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/{service}/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-api-version;x-amz-content-sha256;x-amz-date, "
            + "Signature=" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
    }
}
