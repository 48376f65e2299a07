namespace SsoLogin;

using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;

/// <summary>
/// Registers a client, starts a device authorization and polls for the token with the generated
/// SSO OIDC client, against an in-process stand-in for the service.
/// </summary>
internal static class Program
{
    private static async Task<int> Main()
    {
        using var handler = new InProcessSsoOidcHandler();
        using var http = new HttpClient(handler);
        using var client = new SsoOidcClient(new AwsClientOptions
        {
            ServiceUrl = new Uri("http://sso-oidc.local"),
            Region = "us-east-1",
            HttpClient = http,
        });

        try
        {
            RegisterClientResponse registration = await client.RegisterClientAsync(new RegisterClientRequest
            {
                ClientName = "sso-login-sample",
                ClientType = "public",
                Scopes = ["sso:account:access"],
            });
            Console.WriteLine($"Registered client {registration.ClientId}.");

            StartDeviceAuthorizationResponse device = await client.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest
            {
                ClientId = registration.ClientId,
                ClientSecret = registration.ClientSecret,
                StartUrl = "https://my-sso-portal.awsapps.com/start",
            });
            Console.WriteLine($"Open {device.VerificationUriComplete} and confirm the code {device.UserCode}.");

            var tokenRequest = new CreateTokenRequest
            {
                ClientId = registration.ClientId,
                ClientSecret = registration.ClientSecret,
                GrantType = "urn:ietf:params:oauth:grant-type:device_code",
                DeviceCode = device.DeviceCode,
            };
            while (true)
            {
                try
                {
                    CreateTokenResponse token = await client.CreateTokenAsync(tokenRequest);
                    Console.WriteLine($"Logged in: {token.TokenType} token, expires in {token.ExpiresIn} s. Request printed safely: {tokenRequest}");
                    return 0;
                }
                catch (AuthorizationPendingException pending)
                {
                    Console.WriteLine($"Waiting for approval ({pending.ErrorDescription})...");
                    handler.Approve();
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }
        }
        catch (AwsServiceException error)
        {
            Console.Error.WriteLine($"Login failed: {error.ErrorCode}: {error.Message}");
            return 1;
        }
    }

    /// <summary>Answers the three device-flow operations as the service would.</summary>
    private sealed class InProcessSsoOidcHandler : HttpMessageHandler
    {
        private int approved;

        public void Approve() => Interlocked.Exchange(ref approved, 1);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            HttpResponseMessage response = path switch
            {
                "/client/register" => Json(HttpStatusCode.OK, "{\"clientId\":\"sample-client\",\"clientSecret\":\"sample-secret\",\"clientIdIssuedAt\":1700000000,\"clientSecretExpiresAt\":1800000000}"),
                "/device_authorization" => Json(HttpStatusCode.OK, "{\"deviceCode\":\"device-1\",\"userCode\":\"ABCD-EFGH\",\"verificationUri\":\"https://device.sso.example/\",\"verificationUriComplete\":\"https://device.sso.example/?user_code=ABCD-EFGH\",\"expiresIn\":600,\"interval\":1}"),
                "/token" when Volatile.Read(ref approved) == 0 => Error("AuthorizationPendingException", "authorization_pending", "The user has not approved the request yet."),
                "/token" => Json(HttpStatusCode.OK, "{\"accessToken\":\"sample-access-token\",\"tokenType\":\"Bearer\",\"expiresIn\":28800}"),
                _ => Json(HttpStatusCode.NotFound, "{}"),
            };
            return Task.FromResult(response);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        private static HttpResponseMessage Error(string type, string error, string description)
        {
            HttpResponseMessage response = Json(HttpStatusCode.BadRequest, $"{{\"error\":\"{error}\",\"error_description\":\"{description}\"}}");
            response.Headers.Add("x-amzn-ErrorType", type);
            response.Headers.Add("x-amzn-RequestId", Guid.NewGuid().ToString());
            return response;
        }
    }
}
