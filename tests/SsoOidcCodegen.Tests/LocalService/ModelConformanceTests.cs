namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;
using Microsoft.Extensions.Time.Testing;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>The local service against the newest model: statuses, error codes, error lists and output members.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ModelConformanceTests
{
    public static TheoryData<string, string> ModelledErrors => new()
    {
        { "RegisterClient", "InvalidRequestException" },
        { "RegisterClient", "InvalidClientMetadataException" },
        { "RegisterClient", "InvalidRedirectUriException" },
        { "RegisterClient", "InvalidScopeException" },
        { "RegisterClient", "UnsupportedGrantTypeException" },
        { "StartDeviceAuthorization", "InvalidClientException" },
        { "StartDeviceAuthorization", "UnauthorizedClientException" },
        { "CreateToken", "AuthorizationPendingException" },
        { "CreateToken", "SlowDownException" },
        { "CreateToken", "ExpiredTokenException" },
        { "CreateToken", "AccessDeniedException" },
        { "CreateToken", "InvalidGrantException" },
        { "CreateToken", "UnsupportedGrantTypeException" },
        { "CreateToken", "InternalServerException" },
        { "CreateTokenWithIAM", "InvalidScopeException" },
        { "CreateTokenWithIAM", "InvalidClientException" },
    };

    [Theory]
    [MemberData(nameof(ModelledErrors))]
    public async Task Modelled_errors_answer_with_the_models_status_and_error_code_and_are_listed_for_the_operation(string operation, string exceptionName)
    {
        SsoOidcModel model = SsoOidcModel.Load();
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time });

        WireResponse response = await ProvokeAsync(session, time, operation, exceptionName);

        Assert.Contains(exceptionName, model.OperationErrors(operation));
        AwsErrorAssert.IsError(response, model.ErrorStatus(exceptionName), exceptionName, model.ErrorCode(exceptionName));
    }

    [Fact]
    public async Task RegisterClient_and_StartDeviceAuthorization_answer_every_modelled_output_member_in_model_order()
    {
        SsoOidcModel model = SsoOidcModel.Load();
        await using var session = await OidcTestSession.StartAsync();

        WireResponse register = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());
        ClientCredentials client = new(register.String("clientId"), register.String("clientSecret"));
        WireResponse start = await session.PostJsonAsync("/device_authorization", OidcTestSession.StartDeviceAuthorizationBody(client));

        Assert.Equal(model.OutputMembers("RegisterClient"), MemberNames(register));
        Assert.Equal(model.OutputMembers("StartDeviceAuthorization"), MemberNames(start));
    }

    [Fact]
    public async Task CreateToken_answers_every_modelled_output_member_in_model_order_when_all_apply()
    {
        SsoOidcModel model = SsoOidcModel.Load();
        await using var session = await OidcTestSession.StartAsync();
        JsonObject registration = OidcTestSession.DeviceClientRegistration();
        registration["scopes"] = new JsonArray("openid", "sso:account:access");

        (_, WireResponse token) = await session.SignInWithDeviceCodeAsync(registration);

        Assert.Equal(model.OutputMembers("CreateToken"), MemberNames(token));
    }

    [Fact]
    public async Task CreateTokenWithIAM_answers_only_modelled_output_members_in_model_order()
    {
        SsoOidcModel model = SsoOidcModel.Load();
        await using var session = await OidcTestSession.StartAsync();
        (_, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();

        WireResponse exchanged = await session.PostJsonAsync("/token?aws_iam=t", TokenExchange(signIn.String("accessToken")), r => SigV4Headers.Add(r));

        // Token exchange for a refresh token with the default scopes sets every member.
        Assert.Equal(model.OutputMembers("CreateTokenWithIAM"), MemberNames(exchanged));
    }

    private static string[] MemberNames(WireResponse response)
    {
        Assert.True(response.StatusCode == 200, response.ToString());
        return [.. response.Json.EnumerateObject().Select(p => p.Name)];
    }

    private static JsonObject TokenExchange(string accessToken) => new()
    {
        ["clientId"] = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111",
        ["grantType"] = "urn:ietf:params:oauth:grant-type:token-exchange",
        ["requestedTokenType"] = "urn:ietf:params:oauth:token-type:refresh_token",
        ["subjectToken"] = accessToken,
        ["subjectTokenType"] = "urn:ietf:params:oauth:token-type:access_token",
    };

    /// <summary>Makes <paramref name="operation"/> fail with <paramref name="exceptionName"/>.</summary>
    private static Task<WireResponse> ProvokeAsync(OidcTestSession session, FakeTimeProvider time, string operation, string exceptionName) => (operation, exceptionName) switch
    {
        ("RegisterClient", "InvalidRequestException") => RegisterAsync(session, r => r.Remove("clientName")),
        ("RegisterClient", "InvalidClientMetadataException") => RegisterAsync(session, r => r["clientType"] = "confidential"),
        ("RegisterClient", "InvalidRedirectUriException") => RegisterAsync(session, r => r["redirectUris"] = new JsonArray("http://example.com/cb")),
        ("RegisterClient", "InvalidScopeException") => RegisterAsync(session, r => r["scopes"] = new JsonArray("")),
        ("RegisterClient", "UnsupportedGrantTypeException") => RegisterAsync(session, r => r["grantTypes"] = new JsonArray("client_credentials")),
        ("StartDeviceAuthorization", "InvalidClientException") => StartWithAsync(session, c => c with { ClientSecret = "wrong" }),
        ("StartDeviceAuthorization", "UnauthorizedClientException") => StartWithAsync(session, c => c, OidcTestSession.PkceClientRegistration("http://127.0.0.1:1/cb", "sso:account:access")),
        ("CreateToken", "InternalServerException") => FaultAsync(session),
        ("CreateToken", "UnsupportedGrantTypeException") => CreateTokenWithGrantAsync(session, "password"),
        ("CreateToken", _) => PollAsync(session, time, exceptionName),
        ("CreateTokenWithIAM", "InvalidScopeException") => CreateTokenWithIamAsync(session, new JsonObject
        {
            ["assertion"] = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJib2IifQ.c2ln",
            ["clientId"] = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111",
            ["grantType"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["scope"] = new JsonArray("not:granted"),
        }),
        ("CreateTokenWithIAM", "InvalidClientException") => CreateTokenWithIamAsync(session, new JsonObject { ["clientId"] = "not-an-arn", ["grantType"] = "refresh_token" }),
        _ => throw new ArgumentOutOfRangeException(nameof(exceptionName), $"No scenario makes {operation} fail with {exceptionName}."),
    };

    private static Task<WireResponse> RegisterAsync(OidcTestSession session, Action<JsonObject> change)
    {
        JsonObject registration = OidcTestSession.DeviceClientRegistration();
        change(registration);
        return session.PostJsonAsync("/client/register", registration);
    }

    private static async Task<WireResponse> StartWithAsync(OidcTestSession session, Func<ClientCredentials, ClientCredentials> change, JsonObject? registration = null)
    {
        ClientCredentials client = await session.RegisterClientAsync(registration);
        return await session.PostJsonAsync("/device_authorization", OidcTestSession.StartDeviceAuthorizationBody(change(client)));
    }

    private static async Task<WireResponse> CreateTokenWithGrantAsync(OidcTestSession session, string grantType)
    {
        ClientCredentials client = await session.RegisterClientAsync();
        return await session.PostJsonAsync("/token", new JsonObject { ["clientId"] = client.ClientId, ["clientSecret"] = client.ClientSecret, ["grantType"] = grantType });
    }

    private static Task<WireResponse> FaultAsync(OidcTestSession session)
    {
        session.Service.Faults.For("/token").RespondWithStatus(500);
        return session.PostJsonAsync("/token", "{}");
    }

    private static Task<WireResponse> CreateTokenWithIamAsync(OidcTestSession session, JsonObject body) =>
        session.PostJsonAsync("/token?aws_iam=t", body, r => SigV4Headers.Add(r));

    private static async Task<WireResponse> PollAsync(OidcTestSession session, FakeTimeProvider time, string exceptionName)
    {
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);
        switch (exceptionName)
        {
            case "SlowDownException":
                await session.PollDeviceTokenAsync(client, codes.DeviceCode);
                break;
            case "ExpiredTokenException":
                time.Advance(TimeSpan.FromSeconds(codes.ExpiresIn));
                break;
            case "AccessDeniedException":
                session.Service.DenyUserCode(codes.UserCode);
                break;
            case "InvalidGrantException":
                return await session.PollDeviceTokenAsync(client, "not-a-device-code");
        }

        return await session.PollDeviceTokenAsync(client, codes.DeviceCode);
    }
}
