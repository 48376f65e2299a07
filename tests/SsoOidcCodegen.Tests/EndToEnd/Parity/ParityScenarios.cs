namespace SsoOidcCodegen.Tests.EndToEnd.Parity;

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoOidcCodegen.Tests.LocalService;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// One parity scenario: how to set the service up for one call (run once per client, so each
/// client gets its own device code, refresh token...), what to inject before each client's call,
/// and what should come back: a response (<see cref="ExpectedError"/> null) or an error type.
/// </summary>
public sealed record ParityScenario(
    string Name,
    Func<OidcTestSession, Task<ParityCall>> Prepare,
    string? ExpectedError = null,
    int Attempts = 1)
{
    public Func<LocalSsoOidcServiceOptions>? Options { get; init; }

    public Action<OidcTestSession>? AfterPrepare { get; init; }

    public Action<OidcTestSession>? BeforeEachRun { get; init; }
}

/// <summary>Every scenario: each operation's success, each error the local service can produce for it, unmodelled errors and 5xx.</summary>
public static class ParityScenarios
{
    public const string ApplicationArn = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111";
    public const string PkceRedirectUri = "http://127.0.0.1:53211/oauth/callback";
    public const string IamRedirectUri = "https://mywebapp.example/redirect";
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string RefreshTokenType = "urn:ietf:params:oauth:token-type:refresh_token";
    private const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    public static IEnumerable<string> Names => Build().Keys;

    public static Dictionary<string, ParityScenario> Build()
    {
        var clock = TestClocks.Manual();
        ParityScenario[] all =
        [
            // Success, every operation.
            new("RegisterClient", Static("RegisterClient", new JsonObject
            {
                ["clientName"] = "botocore-client-my-sso-session",
                ["clientType"] = "public",
                ["scopes"] = new JsonArray("sso:account:access"),
            })),
            new("RegisterClient with every member", Static("RegisterClient", new JsonObject
            {
                ["clientName"] = "botocore-client-my-sso-session",
                ["clientType"] = "public",
                ["entitledApplicationArn"] = ApplicationArn,
                ["grantTypes"] = new JsonArray("authorization_code", "refresh_token"),
                ["issuerUrl"] = "https://identitycenter.amazonaws.com/ssoins-1111111111111111",
                ["redirectUris"] = new JsonArray(PkceRedirectUri),
                ["scopes"] = new JsonArray("sso:account:access", "codewhisperer:completions"),
            })),
            new("StartDeviceAuthorization", async session => Call("StartDeviceAuthorization", StartBody(await session.RegisterClientAsync()))),
            new("CreateToken with a device code", async session =>
            {
                (ClientCredentials client, DeviceCodes codes) = await StartDeviceAsync(session);
                session.Service.ApproveUserCode(codes.UserCode);
                return Call("CreateToken", DeviceTokenBody(client, codes.DeviceCode));
            }),
            new("CreateToken with a refresh token", async session =>
            {
                (ClientCredentials client, WireResponse token) = await session.SignInWithDeviceCodeAsync();
                return Call("CreateToken", Credentials(client, "refresh_token", ("refreshToken", token.String("refreshToken"))));
            }),
            new("CreateToken with an authorization code and PKCE", async session =>
            {
                ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(PkceRedirectUri, "sso:account:access"));
                (string code, PkcePair pkce) = await AuthorizeAsync(session, client.ClientId, PkceRedirectUri);
                return Call("CreateToken", Credentials(client, "authorization_code", ("code", code), ("codeVerifier", pkce.Verifier), ("redirectUri", PkceRedirectUri)));
            }),
            new("CreateTokenWithIAM with an authorization code", async session =>
            {
                (string code, PkcePair pkce) = await AuthorizeAsync(session, ApplicationArn, IamRedirectUri);
                return Call("CreateTokenWithIAM", Body(("clientId", ApplicationArn), ("code", code), ("codeVerifier", pkce.Verifier), ("grantType", "authorization_code"), ("redirectUri", IamRedirectUri)));
            }),
            new("CreateTokenWithIAM with a token exchange", async session =>
            {
                (_, WireResponse token) = await session.SignInWithDeviceCodeAsync();
                JsonObject body = Body(("clientId", ApplicationArn), ("grantType", TokenExchange), ("requestedTokenType", RefreshTokenType));
                body["scope"] = new JsonArray("openid", "aws");
                body["subjectToken"] = token.String("accessToken");
                body["subjectTokenType"] = AccessTokenType;
                return Call("CreateTokenWithIAM", body);
            }),

            // Every modelled error the local service produces, per operation.
            new("RegisterClient InvalidScopeException", Static("RegisterClient", Registration(("scopes", new JsonArray("bad scope")))), "InvalidScopeException"),
            new("RegisterClient InvalidClientMetadataException", Static("RegisterClient", new JsonObject { ["clientName"] = "x", ["clientType"] = "confidential" }), "InvalidClientMetadataException"),
            new("RegisterClient InvalidRedirectUriException", Static("RegisterClient", Registration(("grantTypes", new JsonArray("authorization_code")), ("redirectUris", new JsonArray("http://example.com/callback")))), "InvalidRedirectUriException"),
            new("RegisterClient UnsupportedGrantTypeException", Static("RegisterClient", Registration(("grantTypes", new JsonArray("password")))), "UnsupportedGrantTypeException"),
            new("StartDeviceAuthorization InvalidRequestException", async session =>
            {
                JsonObject body = StartBody(await session.RegisterClientAsync());
                body["startUrl"] = "not-a-url";
                return Call("StartDeviceAuthorization", body);
            }, "InvalidRequestException"),
            new("StartDeviceAuthorization InvalidClientException", Static("StartDeviceAuthorization", StartBody(new ClientCredentials("no-such-client", "wrong-secret"))), "InvalidClientException"),
            new("StartDeviceAuthorization UnauthorizedClientException", async session =>
                Call("StartDeviceAuthorization", StartBody(await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(PkceRedirectUri, "sso:account:access")))), "UnauthorizedClientException"),
            new("CreateToken AuthorizationPendingException", async session =>
            {
                (ClientCredentials client, DeviceCodes codes) = await StartDeviceAsync(session);
                return Call("CreateToken", DeviceTokenBody(client, codes.DeviceCode));
            }, "AuthorizationPendingException"),
            new("CreateToken SlowDownException", async session =>
            {
                (ClientCredentials client, DeviceCodes codes) = await StartDeviceAsync(session);
                await session.PollDeviceTokenAsync(client, codes.DeviceCode);
                return Call("CreateToken", DeviceTokenBody(client, codes.DeviceCode));
            }, "SlowDownException")
            {
                Options = () => new LocalSsoOidcServiceOptions { PollingInterval = TimeSpan.FromMinutes(1) },
            },
            new("CreateToken AccessDeniedException", async session =>
            {
                (ClientCredentials client, DeviceCodes codes) = await StartDeviceAsync(session);
                session.Service.DenyUserCode(codes.UserCode);
                return Call("CreateToken", DeviceTokenBody(client, codes.DeviceCode));
            }, "AccessDeniedException"),
            new("CreateToken ExpiredTokenException", async session =>
            {
                (ClientCredentials client, DeviceCodes codes) = await StartDeviceAsync(session);
                return Call("CreateToken", DeviceTokenBody(client, codes.DeviceCode));
            }, "ExpiredTokenException")
            {
                Options = () => new LocalSsoOidcServiceOptions { TimeProvider = clock },
                AfterPrepare = _ => clock.Advance(TimeSpan.FromMinutes(11)),
            },
            new("CreateToken InvalidGrantException", async session =>
                Call("CreateToken", DeviceTokenBody(await session.RegisterClientAsync(), "no-such-device-code")), "InvalidGrantException"),
            new("CreateToken UnsupportedGrantTypeException", async session =>
                Call("CreateToken", Credentials(await session.RegisterClientAsync(), "password")), "UnsupportedGrantTypeException"),
            new("CreateToken UnauthorizedClientException", async session =>
                Call("CreateToken", DeviceTokenBody(await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(PkceRedirectUri, "sso:account:access")), "device-code")), "UnauthorizedClientException"),
            new("CreateToken InvalidClientException", Static("CreateToken", DeviceTokenBody(new ClientCredentials("no-such-client", "wrong-secret"), "device-code")), "InvalidClientException"),
            new("CreateTokenWithIAM InvalidClientException", Static("CreateTokenWithIAM", Body(("clientId", "not-an-application-arn"), ("grantType", "authorization_code"), ("code", "code"))), "InvalidClientException"),
            new("CreateTokenWithIAM InvalidGrantException", Static("CreateTokenWithIAM", Body(("clientId", ApplicationArn), ("code", "no-such-code"), ("codeVerifier", "verifier"), ("grantType", "authorization_code"), ("redirectUri", IamRedirectUri))), "InvalidGrantException"),
            new("CreateTokenWithIAM InvalidRequestException", Static("CreateTokenWithIAM", Body(("clientId", ApplicationArn), ("grantType", TokenExchange), ("subjectToken", "token"), ("subjectTokenType", "urn:ietf:params:oauth:token-type:id_token"))), "InvalidRequestException"),
            new("CreateTokenWithIAM InvalidScopeException", async session =>
            {
                (_, WireResponse token) = await session.SignInWithDeviceCodeAsync();
                JsonObject body = Body(("clientId", ApplicationArn), ("grantType", TokenExchange), ("subjectToken", token.String("accessToken")), ("subjectTokenType", AccessTokenType));
                body["scope"] = new JsonArray("codewhisperer:completions");
                return Call("CreateTokenWithIAM", body);
            }, "InvalidScopeException"),
            new("CreateTokenWithIAM UnsupportedGrantTypeException", Static("CreateTokenWithIAM", Body(("clientId", ApplicationArn), ("grantType", "password"))), "UnsupportedGrantTypeException"),

            // 5xx: retried by both, then the modelled InternalServerException; or a retry that succeeds.
            new("RegisterClient 500 on every attempt", Static("RegisterClient", Registration()), "InternalServerException", Attempts: 3)
            {
                BeforeEachRun = session => session.Service.Faults.For("/client/register").RespondWithStatus(500, times: 3),
            },
            new("CreateToken 500 then success", async session =>
            {
                (ClientCredentials client, DeviceCodes codes) = await StartDeviceAsync(session);
                session.Service.ApproveUserCode(codes.UserCode);
                return Call("CreateToken", DeviceTokenBody(client, codes.DeviceCode));
            }, Attempts: 2)
            {
                BeforeEachRun = session => session.Service.Faults.For("/token").RespondWithStatus(500),
            },

            // Errors outside the model: each client's base exception with the code from x-amzn-ErrorType.
            new("StartDeviceAuthorization unmodelled 404 UnknownOperationException", Static("StartDeviceAuthorization", StartBody(new ClientCredentials("id", "secret"))), ParityValues.ServiceBaseException)
            {
                BeforeEachRun = session => session.Service.Faults.For("/device_authorization").RespondWithStatus(404),
            },
            new("CreateToken unmodelled 429 ThrottlingException on every attempt", Static("CreateToken", DeviceTokenBody(new ClientCredentials("id", "secret"), "device-code")), ParityValues.ServiceBaseException, Attempts: 3)
            {
                BeforeEachRun = session => session.Service.Faults.For("/token").Throttle(ThrottleStyle.TooManyRequests, times: 3),
            },
            new("RegisterClient unmodelled 503 ServiceUnavailableException on every attempt", Static("RegisterClient", Registration()), ParityValues.ServiceBaseException, Attempts: 3)
            {
                BeforeEachRun = session => session.Service.Faults.For("/client/register").RespondWithStatus(503, times: 3),
            },
        ];

        var scenarios = new Dictionary<string, ParityScenario>(StringComparer.Ordinal);
        foreach (ParityScenario scenario in all)
        {
            scenarios.Add(scenario.Name, scenario);
        }

        return scenarios;
    }

    private static Func<OidcTestSession, Task<ParityCall>> Static(string operation, JsonObject input) =>
        _ => Task.FromResult(Call(operation, (JsonObject)input.DeepClone()));

    private static ParityCall Call(string operation, JsonObject input) => new(operation, input);

    private static JsonObject Registration(params (string Name, JsonNode Value)[] extra)
    {
        JsonObject body = OidcTestSession.DeviceClientRegistration();
        foreach ((string name, JsonNode value) in extra)
        {
            body[name] = value;
        }

        return body;
    }

    private static JsonObject Body(params (string Name, string Value)[] members)
    {
        var body = new JsonObject();
        foreach ((string name, string value) in members)
        {
            body[name] = value;
        }

        return body;
    }

    private static JsonObject Credentials(ClientCredentials client, string grantType, params (string Name, string Value)[] members)
    {
        JsonObject body = Body(members);
        body["clientId"] = client.ClientId;
        body["clientSecret"] = client.ClientSecret;
        body["grantType"] = grantType;
        return body;
    }

    private static JsonObject StartBody(ClientCredentials client) => OidcTestSession.StartDeviceAuthorizationBody(client);

    private static JsonObject DeviceTokenBody(ClientCredentials client, string deviceCode) =>
        Credentials(client, OidcTestSession.DeviceCodeGrant, ("deviceCode", deviceCode));

    private static async Task<(ClientCredentials Client, DeviceCodes Codes)> StartDeviceAsync(OidcTestSession session)
    {
        ClientCredentials client = await session.RegisterClientAsync();
        return (client, await session.StartDeviceAuthorizationAsync(client));
    }

    private static async Task<(string Code, PkcePair Pkce)> AuthorizeAsync(OidcTestSession session, string clientId, string redirectUri)
    {
        PkcePair pkce = PkcePair.Create();
        WireResponse response = await session.GetAsync(AuthorizationCodeFlowTests.AuthorizeUrl(clientId, redirectUri, pkce.Challenge));
        return (AuthorizationCodeFlowTests.RedirectQuery(response)["code"]!, pkce);
    }
}
