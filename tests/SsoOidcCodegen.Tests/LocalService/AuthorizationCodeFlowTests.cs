namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Collections.Specialized;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Web;
using global::SsoOidc.LocalService;
using Xunit;
using SsoOidcCodegen.Tests.Infrastructure;

[Trait("Category", TestCategories.Integration)]
public sealed class AuthorizationCodeFlowTests
{
    private const string RedirectUri = "http://127.0.0.1:53211/oauth/callback";

    [Fact]
    public async Task Pkce_flow_redirects_with_code_and_state_then_CreateToken_with_the_S256_verifier_issues_tokens()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(RedirectUri, "sso:account:access", "codewhisperer:completions"));
        PkcePair pkce = PkcePair.Create();

        WireResponse redirect = await session.GetAsync(AuthorizeUrl(client.ClientId, RedirectUri, pkce.Challenge, state: "st-123", scopes: "sso:account:access"));

        Assert.Equal(302, redirect.StatusCode);
        var location = new Uri(redirect.Header("Location")!);
        Assert.Equal(RedirectUri, location.GetLeftPart(UriPartial.Path));
        NameValueCollection query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("st-123", query["state"]);
        string code = Assert.IsType<string>(query["code"]);

        WireResponse token = await session.PostJsonAsync("/token", CodeGrant(client, code, RedirectUri, pkce.Verifier));

        Assert.Equal(200, token.StatusCode);
        Assert.StartsWith("aoa", token.String("accessToken"), StringComparison.Ordinal);
        Assert.Equal("Bearer", token.String("tokenType"));
        Assert.StartsWith("aor", token.String("refreshToken"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_with_a_wrong_code_verifier_returns_InvalidGrantException()
    {
        await using var session = await OidcTestSession.StartAsync();
        (ClientCredentials client, string code, _) = await AuthorizeAsync(session);

        WireResponse token = await session.PostJsonAsync("/token", CodeGrant(client, code, RedirectUri, PkcePair.Create().Verifier));

        AwsErrorAssert.IsError(token, 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task CreateToken_without_a_code_verifier_returns_InvalidGrantException()
    {
        await using var session = await OidcTestSession.StartAsync();
        (ClientCredentials client, string code, _) = await AuthorizeAsync(session);
        JsonObject body = CodeGrant(client, code, RedirectUri, "unused");
        body.Remove("codeVerifier");

        AwsErrorAssert.IsError(await session.PostJsonAsync("/token", body), 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task CreateToken_with_a_redirect_uri_other_than_the_authorization_requests_returns_InvalidGrantException()
    {
        await using var session = await OidcTestSession.StartAsync();
        (ClientCredentials client, string code, PkcePair pkce) = await AuthorizeAsync(session);

        WireResponse token = await session.PostJsonAsync("/token", CodeGrant(client, code, "http://127.0.0.1:53211/other", pkce.Verifier));

        AwsErrorAssert.IsError(token, 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task An_authorization_code_can_be_redeemed_only_once()
    {
        await using var session = await OidcTestSession.StartAsync();
        (ClientCredentials client, string code, PkcePair pkce) = await AuthorizeAsync(session);

        Assert.Equal(200, (await session.PostJsonAsync("/token", CodeGrant(client, code, RedirectUri, pkce.Verifier))).StatusCode);
        WireResponse second = await session.PostJsonAsync("/token", CodeGrant(client, code, RedirectUri, pkce.Verifier));

        AwsErrorAssert.IsError(second, 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task An_authorization_code_expires_after_its_lifetime()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time, AuthorizationCodeLifetime = TimeSpan.FromMinutes(2) });
        (ClientCredentials client, string code, PkcePair pkce) = await AuthorizeAsync(session);

        time.Advance(TimeSpan.FromMinutes(2));

        AwsErrorAssert.IsError(await session.PostJsonAsync("/token", CodeGrant(client, code, RedirectUri, pkce.Verifier)), 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task An_authorization_code_issued_to_another_client_is_an_invalid_grant()
    {
        await using var session = await OidcTestSession.StartAsync();
        (_, string code, PkcePair pkce) = await AuthorizeAsync(session);
        ClientCredentials other = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(RedirectUri, "sso:account:access"));

        AwsErrorAssert.IsError(await session.PostJsonAsync("/token", CodeGrant(other, code, RedirectUri, pkce.Verifier)), 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task Authorize_with_an_unregistered_redirect_uri_answers_400_without_redirecting()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(RedirectUri, "sso:account:access"));

        WireResponse response = await session.GetAsync(AuthorizeUrl(client.ClientId, "http://127.0.0.1:9999/evil", PkcePair.Create().Challenge));

        Assert.Equal(400, response.StatusCode);
        Assert.Null(response.Header("Location"));
        Assert.StartsWith("text/html", response.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:54321/oauth/callback", true)]
    [InlineData("http://127.0.0.1/oauth/callback", true)]
    [InlineData("http://127.0.0.1:54321/other", false)]
    [InlineData("http://localhost:54321/oauth/callback", false)]
    public async Task A_registered_loopback_IP_redirect_uri_matches_any_port_but_not_another_path_or_host(string requested, bool redirects)
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration("http://127.0.0.1/oauth/callback", "sso:account:access"));

        WireResponse response = await session.GetAsync(AuthorizeUrl(client.ClientId, requested, PkcePair.Create().Challenge));

        Assert.Equal(redirects ? 302 : 400, response.StatusCode);
        if (redirects)
        {
            Assert.StartsWith(requested + "?", response.Header("Location"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Authorize_with_an_unknown_client_answers_400_without_redirecting()
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await session.GetAsync(AuthorizeUrl("no-such-client", RedirectUri, PkcePair.Create().Challenge));

        Assert.Equal(400, response.StatusCode);
        Assert.Null(response.Header("Location"));
    }

    [Theory]
    [InlineData("plain", "invalid_request")]
    [InlineData("", "invalid_request")]
    public async Task Authorize_without_an_S256_challenge_redirects_with_invalid_request(string method, string error)
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(RedirectUri, "sso:account:access"));

        WireResponse response = await session.GetAsync(AuthorizeUrl(client.ClientId, RedirectUri, PkcePair.Create().Challenge, method: method, state: "s1"));

        NameValueCollection query = RedirectQuery(response);
        Assert.Equal(error, query["error"]);
        Assert.Equal("s1", query["state"]);
        Assert.Null(query["code"]);
    }

    [Fact]
    public async Task Authorize_with_a_scope_the_client_did_not_register_redirects_with_invalid_scope()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(RedirectUri, "sso:account:access"));

        WireResponse response = await session.GetAsync(AuthorizeUrl(client.ClientId, RedirectUri, PkcePair.Create().Challenge, scopes: "sso:account:access,codewhisperer:completions"));

        Assert.Equal("invalid_scope", RedirectQuery(response)["error"]);
    }

    [Fact]
    public async Task Authorize_for_a_device_only_client_redirects_with_unauthorized_client()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject registration = OidcTestSession.DeviceClientRegistration();
        registration["grantTypes"] = new JsonArray("urn:ietf:params:oauth:grant-type:device_code");
        registration["redirectUris"] = new JsonArray(RedirectUri);
        ClientCredentials client = await session.RegisterClientAsync(registration);

        WireResponse response = await session.GetAsync(AuthorizeUrl(client.ClientId, RedirectUri, PkcePair.Create().Challenge));

        Assert.Equal("unauthorized_client", RedirectQuery(response)["error"]);
    }

    [Fact]
    public async Task Authorize_when_auto_approval_is_off_redirects_with_access_denied()
    {
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { AutoApproveAuthorization = false });
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(RedirectUri, "sso:account:access"));

        WireResponse response = await session.GetAsync(AuthorizeUrl(client.ClientId, RedirectUri, PkcePair.Create().Challenge, state: "s2"));

        NameValueCollection query = RedirectQuery(response);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("s2", query["state"]);
    }

    [Fact]
    public async Task A_device_client_cannot_redeem_with_the_authorization_code_grant()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();

        WireResponse response = await session.PostJsonAsync("/token", CodeGrant(client, "code", RedirectUri, PkcePair.Create().Verifier));

        AwsErrorAssert.IsError(response, 400, "UnauthorizedClientException", "unauthorized_client");
    }

    internal static string AuthorizeUrl(string clientId, string redirectUri, string challenge, string method = "S256", string? state = "state-1", string? scopes = null)
    {
        string url = "/authorize?response_type=code"
            + "&client_id=" + Uri.EscapeDataString(clientId)
            + "&redirect_uri=" + Uri.EscapeDataString(redirectUri)
            + "&code_challenge=" + Uri.EscapeDataString(challenge)
            + "&code_challenge_method=" + Uri.EscapeDataString(method);
        if (state is not null)
        {
            url += "&state=" + Uri.EscapeDataString(state);
        }

        if (scopes is not null)
        {
            url += "&scopes=" + Uri.EscapeDataString(scopes);
        }

        return url;
    }

    internal static NameValueCollection RedirectQuery(WireResponse response)
    {
        Assert.True(response.StatusCode == 302, $"Expected a redirect, got {response}");
        return HttpUtility.ParseQueryString(new Uri(response.Header("Location")!).Query);
    }

    internal static JsonObject CodeGrant(ClientCredentials client, string code, string redirectUri, string codeVerifier) => new()
    {
        ["clientId"] = client.ClientId,
        ["clientSecret"] = client.ClientSecret,
        ["code"] = code,
        ["codeVerifier"] = codeVerifier,
        ["grantType"] = "authorization_code",
        ["redirectUri"] = redirectUri,
    };

    private static async Task<(ClientCredentials Client, string Code, PkcePair Pkce)> AuthorizeAsync(OidcTestSession session)
    {
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration(RedirectUri, "sso:account:access"));
        PkcePair pkce = PkcePair.Create();
        WireResponse response = await session.GetAsync(AuthorizeUrl(client.ClientId, RedirectUri, pkce.Challenge));
        string code = Assert.IsType<string>(RedirectQuery(response)["code"]);
        return (client, code, pkce);
    }
}
