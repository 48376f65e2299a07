namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;
using SsoOidcCodegen.Tests.Infrastructure;

[Trait("Category", TestCategories.Integration)]
public sealed class RefreshTokenTests
{
    [Fact]
    public async Task Refresh_token_grant_issues_new_tokens_and_rotates_the_refresh_token()
    {
        await using var session = await OidcTestSession.StartAsync();
        (ClientCredentials client, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();
        string original = signIn.String("refreshToken");

        WireResponse refreshed = await session.RefreshAsync(client, original);

        Assert.Equal(200, refreshed.StatusCode);
        Assert.NotEqual(signIn.String("accessToken"), refreshed.String("accessToken"));
        string rotated = refreshed.String("refreshToken");
        Assert.NotEqual(original, rotated);
        Assert.Equal(200, (await session.RefreshAsync(client, rotated)).StatusCode);
    }

    [Fact]
    public async Task A_rotated_out_refresh_token_returns_InvalidGrantException()
    {
        await using var session = await OidcTestSession.StartAsync();
        (ClientCredentials client, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();
        string original = signIn.String("refreshToken");
        Assert.Equal(200, (await session.RefreshAsync(client, original)).StatusCode);

        AwsErrorAssert.IsError(await session.RefreshAsync(client, original), 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task A_refresh_token_issued_to_another_client_returns_InvalidGrantException()
    {
        await using var session = await OidcTestSession.StartAsync();
        (_, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();
        ClientCredentials other = await session.RegisterClientAsync();

        AwsErrorAssert.IsError(await session.RefreshAsync(other, signIn.String("refreshToken")), 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task A_refresh_token_past_its_lifetime_returns_ExpiredTokenException()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time, RefreshTokenLifetime = TimeSpan.FromHours(8) });
        (ClientCredentials client, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();

        time.Advance(TimeSpan.FromHours(8));

        AwsErrorAssert.IsError(await session.RefreshAsync(client, signIn.String("refreshToken")), 400, "ExpiredTokenException", "expired_token");
    }

    [Theory]
    [InlineData("client_credentials")]
    [InlineData("password")]
    [InlineData("urn:ietf:params:oauth:grant-type:jwt-bearer")]
    public async Task CreateToken_with_an_unsupported_grant_type_returns_UnsupportedGrantTypeException(string grantType)
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();

        WireResponse response = await session.PostJsonAsync("/token", new JsonObject
        {
            ["clientId"] = client.ClientId,
            ["clientSecret"] = client.ClientSecret,
            ["grantType"] = grantType,
        });

        AwsErrorAssert.IsError(response, 400, "UnsupportedGrantTypeException", "unsupported_grant_type");
    }

    [Fact]
    public async Task CreateToken_without_a_grant_type_returns_InvalidRequestException()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();

        WireResponse response = await session.PostJsonAsync("/token", new JsonObject { ["clientId"] = client.ClientId, ["clientSecret"] = client.ClientSecret });

        AwsErrorAssert.IsError(response, 400, "InvalidRequestException", "invalid_request");
    }

    [Fact]
    public async Task CreateToken_refresh_with_a_wrong_client_secret_returns_401_InvalidClientException()
    {
        await using var session = await OidcTestSession.StartAsync();
        (ClientCredentials client, WireResponse signIn) = await session.SignInWithDeviceCodeAsync();

        WireResponse response = await session.RefreshAsync(client with { ClientSecret = "wrong" }, signIn.String("refreshToken"));

        AwsErrorAssert.IsError(response, 401, "InvalidClientException", "invalid_client");
    }

    [Fact]
    public async Task A_client_registered_without_the_refresh_grant_cannot_refresh()
    {
        await using var session = await OidcTestSession.StartAsync();
        JsonObject registration = OidcTestSession.DeviceClientRegistration();
        registration["grantTypes"] = new JsonArray("urn:ietf:params:oauth:grant-type:device_code");
        (ClientCredentials client, WireResponse signIn) = await session.SignInWithDeviceCodeAsync(registration);
        Assert.False(signIn.Has("refreshToken"));

        AwsErrorAssert.IsError(await session.RefreshAsync(client, "aorsomething"), 400, "UnauthorizedClientException", "unauthorized_client");
    }
}
