namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Buffers.Text;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

[Trait("Category", TestCategories.Integration)]
public sealed class CreateTokenWithIamTests
{
    private const string ApplicationArn = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111";
    private const string CommonNamespace = "http://internal.amazon.com/coral/com.amazon.coral.service/";

    [Fact]
    public async Task CreateTokenWithIAM_without_an_Authorization_header_returns_403_MissingAuthenticationTokenException()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await session.PostJsonAsync("/token?aws_iam=t", JwtBearerGrant(Assertion("bob")));

        AwsErrorAssert.IsError(response, 403, "MissingAuthenticationTokenException", "access_denied", CommonNamespace);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/{date}/us-east-1/sso-oauth/aws4_request, SignedHeaders=host;x-amz-date, Signature={sig}")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/sso-oauth/aws4_request, SignedHeaders=host;x-amz-date")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/sso-oauth, SignedHeaders=host;x-amz-date, Signature={sig}")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/sso-oauth/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/sso-oauth/aws4_request, SignedHeaders=x-amz-date, Signature={sig}")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/sso-oauth/aws4_request, SignedHeaders=host;x-amz-date;x-not-sent, Signature={sig}")]
    [InlineData("Bearer aoaTOKEN")]
    public async Task CreateTokenWithIAM_with_a_malformed_SigV4_Authorization_header_returns_400_IncompleteSignatureException(string template)
    {
        await using var session = await OidcTestSession.StartAsync();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        string authorization = template
            .Replace("{date}", now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{sig}", new string('a', 64), StringComparison.Ordinal);

        WireResponse response = await session.PostJsonAsync("/token?aws_iam=t", JwtBearerGrant(Assertion("bob")), request =>
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Date", now.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        });

        AwsErrorAssert.IsError(response, 400, "IncompleteSignatureException", "invalid_request", CommonNamespace);
    }

    [Fact]
    public async Task CreateTokenWithIAM_signed_for_another_service_returns_403_InvalidSignatureException()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await session.PostJsonAsync("/token?aws_iam=t", JwtBearerGrant(Assertion("bob")), r => SigV4Headers.Add(r, service: "sso"));

        AwsErrorAssert.IsError(response, 403, "InvalidSignatureException", "access_denied", CommonNamespace);
    }

    [Fact]
    public async Task CreateTokenWithIAM_jwt_bearer_grant_returns_default_scopes_identity_context_and_an_id_token_for_the_assertion_subject()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await PostSignedAsync(session, JwtBearerGrant(Assertion("bob")));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("aoa", response.String("accessToken"), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.String("tokenType"));
        Assert.Equal(3600, response.Json.GetProperty("expiresIn").GetInt32());
        Assert.Equal<string>(["openid", "aws", "sts:identity_context"], response.Json.GetProperty("scope").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.NotEmpty(response.Json.GetProperty("awsAdditionalDetails").GetProperty("identityContext").GetString()!);
        Assert.Equal("bob", JwtPayload(response.String("idToken"))["sub"]!.GetValue<string>());
        Assert.False(response.Has("refreshToken"));
        Assert.False(response.Has("issuedTokenType"));
    }

    [Fact]
    public async Task CreateTokenWithIAM_downscopes_to_the_requested_scopes()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = JwtBearerGrant(Assertion("bob"));
        body["scope"] = new JsonArray("aws");

        WireResponse response = await PostSignedAsync(session, body);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal<string>(["aws"], response.Json.GetProperty("scope").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.False(response.Has("idToken"));
        Assert.False(response.Has("awsAdditionalDetails"));
    }

    [Fact]
    public async Task CreateTokenWithIAM_with_a_scope_beyond_the_grant_returns_InvalidScopeException()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = JwtBearerGrant(Assertion("bob"));
        body["scope"] = new JsonArray("aws", "admin:everything");

        AwsErrorAssert.IsError(await PostSignedAsync(session, body), 400, "InvalidScopeException", "invalid_scope");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("e30.bm90LWpzb24.c2ln")]
    public async Task CreateTokenWithIAM_with_a_malformed_assertion_returns_InvalidGrantException(string assertion)
    {
        await using var session = await OidcTestSession.StartAsync();

        AwsErrorAssert.IsError(await PostSignedAsync(session, JwtBearerGrant(assertion)), 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task CreateTokenWithIAM_with_an_expired_assertion_returns_InvalidGrantException()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await PostSignedAsync(session, JwtBearerGrant(Assertion("bob", DateTimeOffset.UtcNow.AddMinutes(-1))));

        AwsErrorAssert.IsError(response, 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task CreateTokenWithIAM_with_a_client_id_that_is_not_an_application_arn_returns_401_InvalidClientException()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = JwtBearerGrant(Assertion("bob"));
        body["clientId"] = "_yzkThXVzLWVhc3QtMQEXAMPLECLIENTID";

        AwsErrorAssert.IsError(await PostSignedAsync(session, body), 401, "InvalidClientException", "invalid_client");
    }

    [Fact]
    public async Task CreateTokenWithIAM_with_the_device_code_grant_returns_UnsupportedGrantTypeException()
    {
        await using var session = await OidcTestSession.StartAsync();
        var body = new JsonObject { ["clientId"] = ApplicationArn, ["grantType"] = OidcTestSession.DeviceCodeGrant };

        AwsErrorAssert.IsError(await PostSignedAsync(session, body), 400, "UnsupportedGrantTypeException", "unsupported_grant_type");
    }

    [Fact]
    public async Task Token_exchange_of_an_access_token_for_a_refresh_token_then_refreshing_through_IAM_rotates_it()
    {
        await using var session = await OidcTestSession.StartAsync();
        (_, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();

        WireResponse exchanged = await PostSignedAsync(session, new JsonObject
        {
            ["clientId"] = ApplicationArn,
            ["grantType"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["requestedTokenType"] = "urn:ietf:params:oauth:token-type:refresh_token",
            ["subjectToken"] = signIn.String("accessToken"),
            ["subjectTokenType"] = "urn:ietf:params:oauth:token-type:access_token",
        });

        Assert.Equal(200, exchanged.StatusCode);
        Assert.Equal("urn:ietf:params:oauth:token-type:refresh_token", exchanged.String("issuedTokenType"));
        string refreshToken = exchanged.String("refreshToken");

        WireResponse refreshed = await PostSignedAsync(session, RefreshGrant(refreshToken));
        Assert.Equal(200, refreshed.StatusCode);
        Assert.NotEqual(refreshToken, refreshed.String("refreshToken"));
        AwsErrorAssert.IsError(await PostSignedAsync(session, RefreshGrant(refreshToken)), 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task Token_exchange_of_a_token_the_service_never_issued_returns_InvalidGrantException()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await PostSignedAsync(session, new JsonObject
        {
            ["clientId"] = ApplicationArn,
            ["grantType"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subjectToken"] = "aoaNOTISSUED",
            ["subjectTokenType"] = "urn:ietf:params:oauth:token-type:access_token",
        });

        AwsErrorAssert.IsError(response, 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task CreateTokenWithIAM_redeems_an_authorization_code_issued_to_the_application()
    {
        await using var session = await OidcTestSession.StartAsync();
        const string redirectUri = "https://mywebapp.example/redirect";
        PkcePair pkce = PkcePair.Create();
        WireResponse redirect = await session.GetAsync(AuthorizationCodeFlowTests.AuthorizeUrl(ApplicationArn, redirectUri, pkce.Challenge));
        string code = AuthorizationCodeFlowTests.RedirectQuery(redirect)["code"]!;

        WireResponse response = await PostSignedAsync(session, new JsonObject
        {
            ["clientId"] = ApplicationArn,
            ["code"] = code,
            ["codeVerifier"] = pkce.Verifier,
            ["grantType"] = "authorization_code",
            ["redirectUri"] = redirectUri,
        });

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("aor", response.String("refreshToken"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_from_CreateToken_is_not_accepted_by_CreateTokenWithIAM()
    {
        await using var session = await OidcTestSession.StartAsync();
        (_, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();

        AwsErrorAssert.IsError(await PostSignedAsync(session, RefreshGrant(signIn.String("refreshToken"))), 400, "InvalidGrantException", "invalid_grant");
    }

    private static Task<WireResponse> PostSignedAsync(OidcTestSession session, JsonObject body) =>
        session.PostJsonAsync("/token?aws_iam=t", body, r => SigV4Headers.Add(r));

    private static JsonObject JwtBearerGrant(string assertion) => new()
    {
        ["assertion"] = assertion,
        ["clientId"] = ApplicationArn,
        ["grantType"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
    };

    private static JsonObject RefreshGrant(string refreshToken) => new()
    {
        ["clientId"] = ApplicationArn,
        ["grantType"] = "refresh_token",
        ["refreshToken"] = refreshToken,
    };

    private static string Assertion(string subject, DateTimeOffset? expires = null)
    {
        long exp = (expires ?? DateTimeOffset.UtcNow.AddHours(1)).ToUnixTimeSeconds();
        string payload = JsonSerializer.Serialize(new JsonObject { ["iss"] = "https://idp.example", ["sub"] = subject, ["exp"] = exp });
        return Base64Url.EncodeToString("{\"alg\":\"RS256\"}"u8) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + ".c2lnbmF0dXJl";
    }

    private static JsonNode JwtPayload(string jwt) => JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!;
}
