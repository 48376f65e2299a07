namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;
using Microsoft.Extensions.Time.Testing;

[Trait("Category", TestCategories.Integration)]
public sealed class RegisterClientTests
{
    [Fact]
    public async Task RegisterClient_returns_credentials_epoch_second_timestamps_and_the_service_endpoints()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time });

        WireResponse response = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.True(Guid.TryParse(response.RequestId, out _));
        Assert.NotEmpty(response.String("clientId"));
        Assert.True(response.String("clientSecret").Length >= 64);
        Assert.Equal(1772366400, response.Json.GetProperty("clientIdIssuedAt").GetInt64());
        Assert.Equal(1772366400 + (90 * 24 * 3600), response.Json.GetProperty("clientSecretExpiresAt").GetInt64());
        Assert.Equal(new Uri(session.Service.BaseAddress, "authorize").ToString(), response.String("authorizationEndpoint"));
        Assert.Equal(new Uri(session.Service.BaseAddress, "token").ToString(), response.String("tokenEndpoint"));
    }

    [Fact]
    public async Task Every_registration_gets_its_own_client_id_and_secret()
    {
        await using var session = await OidcTestSession.StartAsync();

        ClientCredentials first = await session.RegisterClientAsync();
        ClientCredentials second = await session.RegisterClientAsync();

        Assert.NotEqual(first.ClientId, second.ClientId);
        Assert.NotEqual(first.ClientSecret, second.ClientSecret);
    }

    [Theory]
    [InlineData("clientName")]
    [InlineData("clientType")]
    public async Task RegisterClient_without_a_required_member_returns_InvalidRequestException(string member)
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = OidcTestSession.DeviceClientRegistration();
        body.Remove(member);

        AwsErrorAssert.IsError(await session.PostJsonAsync("/client/register", body), 400, "InvalidRequestException", "invalid_request");
    }

    [Theory]
    [InlineData("confidential")]
    [InlineData("PUBLIC")]
    public async Task RegisterClient_with_a_client_type_other_than_public_returns_InvalidClientMetadataException(string clientType)
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = OidcTestSession.DeviceClientRegistration();
        body["clientType"] = clientType;

        AwsErrorAssert.IsError(await session.PostJsonAsync("/client/register", body), 400, "InvalidClientMetadataException", "invalid_client_metadata");
    }

    [Theory]
    [InlineData("http://127.0.0.1:53211/oauth/callback")]
    [InlineData("http://localhost:8400/")]
    [InlineData("http://[::1]:8400/cb")]
    [InlineData("https://app.example.com/callback")]
    public async Task RegisterClient_accepts_https_and_loopback_http_redirect_uris(string redirectUri)
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await session.PostJsonAsync("/client/register", OidcTestSession.PkceClientRegistration(redirectUri, "sso:account:access"));

        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [InlineData("http://app.example.com/callback")]
    [InlineData("http://192.168.1.10:8400/callback")]
    [InlineData("https://app.example.com/callback#fragment")]
    [InlineData("ftp://127.0.0.1/callback")]
    [InlineData("not a uri")]
    public async Task RegisterClient_rejects_non_loopback_http_and_malformed_redirect_uris_with_InvalidRedirectUriException(string redirectUri)
    {
        await using var session = await OidcTestSession.StartAsync();

        WireResponse response = await session.PostJsonAsync("/client/register", OidcTestSession.PkceClientRegistration(redirectUri, "sso:account:access"));

        AwsErrorAssert.IsError(response, 400, "InvalidRedirectUriException", "invalid_redirect_uri");
    }

    [Fact]
    public async Task RegisterClient_for_the_authorization_code_grant_without_redirect_uris_returns_InvalidClientMetadataException()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = OidcTestSession.PkceClientRegistration("http://127.0.0.1:1/cb", "sso:account:access");
        body.Remove("redirectUris");

        AwsErrorAssert.IsError(await session.PostJsonAsync("/client/register", body), 400, "InvalidClientMetadataException", "invalid_client_metadata");
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData("urn:ietf:params:oauth:grant-type:jwt-bearer")]
    public async Task RegisterClient_with_a_grant_type_public_clients_cannot_use_returns_UnsupportedGrantTypeException(string grantType)
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = OidcTestSession.DeviceClientRegistration();
        body["grantTypes"] = new JsonArray(grantType);

        AwsErrorAssert.IsError(await session.PostJsonAsync("/client/register", body), 400, "UnsupportedGrantTypeException", "unsupported_grant_type");
    }

    [Fact]
    public async Task RegisterClient_with_a_blank_scope_returns_InvalidScopeException()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = OidcTestSession.DeviceClientRegistration();
        body["scopes"] = new JsonArray("sso:account:access", " ");

        AwsErrorAssert.IsError(await session.PostJsonAsync("/client/register", body), 400, "InvalidScopeException", "invalid_scope");
    }

    [Theory]
    [InlineData("{\"clientName\":\"x\",\"clientType\":")]
    [InlineData("[]")]
    [InlineData("{\"clientName\":42,\"clientType\":\"public\"}")]
    [InlineData("null")]
    public async Task RegisterClient_with_a_body_that_is_not_the_operation_json_returns_InvalidRequestException(string body)
    {
        await using var session = await OidcTestSession.StartAsync();

        AwsErrorAssert.IsError(await session.PostJsonAsync("/client/register", body), 400, "InvalidRequestException", "invalid_request");
    }

    [Fact]
    public async Task RegisterClient_ignores_members_it_does_not_know()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject body = OidcTestSession.DeviceClientRegistration();
        body["someFutureMember"] = "value";

        Assert.Equal(200, (await session.PostJsonAsync("/client/register", body)).StatusCode);
    }
}
