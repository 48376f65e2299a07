namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;
using SsoOidcCodegen.Tests.Infrastructure;

[Trait("Category", TestCategories.Integration)]
public sealed class DeviceAuthorizationFlowTests
{
    [Fact]
    public async Task Device_flow_is_pending_then_slows_down_then_issues_tokens_once_approved_and_rejects_the_reused_code()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time });
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        WireResponse first = await session.PollDeviceTokenAsync(client, codes.DeviceCode);
        AwsErrorAssert.IsError(first, 400, "AuthorizationPendingException", "authorization_pending");

        // Same instant: faster than the 1 s interval.
        WireResponse tooFast = await session.PollDeviceTokenAsync(client, codes.DeviceCode);
        AwsErrorAssert.IsError(tooFast, 400, "SlowDownException", "slow_down");

        session.Service.ApproveUserCode(codes.UserCode);
        time.Advance(TimeSpan.FromSeconds(codes.Interval + 5));
        WireResponse token = await session.PollDeviceTokenAsync(client, codes.DeviceCode);

        Assert.Equal(200, token.StatusCode);
        Assert.Equal("application/json", token.ContentType);
        Assert.StartsWith("aoa", token.String("accessToken"), StringComparison.Ordinal);
        Assert.Equal("Bearer", token.String("tokenType"));
        Assert.Equal(3600, token.Json.GetProperty("expiresIn").GetInt32());
        Assert.StartsWith("aor", token.String("refreshToken"), StringComparison.Ordinal);
        Assert.False(token.Has("idToken"), "No openid scope was registered, so no id token.");

        time.Advance(TimeSpan.FromSeconds(10));
        WireResponse reused = await session.PollDeviceTokenAsync(client, codes.DeviceCode);
        AwsErrorAssert.IsError(reused, 400, "InvalidGrantException", "invalid_grant");
    }

    [Fact]
    public async Task StartDeviceAuthorization_returns_codes_verification_uris_lifetime_and_interval()
    {
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions
        {
            DeviceCodeLifetime = TimeSpan.FromMinutes(7),
            PollingInterval = TimeSpan.FromSeconds(3),
        });
        ClientCredentials client = await session.RegisterClientAsync();

        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        Assert.Matches(new Regex("^[A-Z]{4}-[A-Z]{4}$"), codes.UserCode);
        Assert.True(codes.DeviceCode.Length >= 32, codes.DeviceCode);
        Assert.Equal(new Uri(session.Service.BaseAddress, "verify").ToString(), codes.VerificationUri);
        Assert.Equal(codes.VerificationUri + "?user_code=" + codes.UserCode, codes.VerificationUriComplete);
        Assert.Equal(420, codes.ExpiresIn);
        Assert.Equal(3, codes.Interval);
    }

    [Fact]
    public async Task Polling_no_faster_than_the_interval_stays_pending_without_slow_down()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time, PollingInterval = TimeSpan.FromSeconds(5) });
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        for (int poll = 0; poll < 3; poll++)
        {
            WireResponse response = await session.PollDeviceTokenAsync(client, codes.DeviceCode);
            AwsErrorAssert.IsError(response, 400, "AuthorizationPendingException", "authorization_pending");
            time.Advance(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task SlowDown_adds_five_seconds_to_the_interval_the_client_must_keep()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time });
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);
        await session.PollDeviceTokenAsync(client, codes.DeviceCode);
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "SlowDownException", "slow_down");

        // The interval is now 1 + 5 = 6 s, so a poll 1 s later is too fast and makes it 11 s;
        // 10 s later is still too fast (16 s); 16 s later is in time.
        time.Advance(TimeSpan.FromSeconds(1));
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "SlowDownException", "slow_down");
        time.Advance(TimeSpan.FromSeconds(10));
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "SlowDownException", "slow_down");
        time.Advance(TimeSpan.FromSeconds(16));
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "AuthorizationPendingException", "authorization_pending");
    }

    [Fact]
    public async Task CreateToken_after_the_device_code_expires_returns_ExpiredTokenException()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time });
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        time.Advance(TimeSpan.FromSeconds(codes.ExpiresIn - 1));
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "AuthorizationPendingException", "authorization_pending");

        time.Advance(TimeSpan.FromSeconds(1));
        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "ExpiredTokenException", "expired_token");
        Assert.Throws<InvalidOperationException>(() => session.Service.ApproveUserCode(codes.UserCode));
    }

    [Fact]
    public async Task CreateToken_after_the_user_denies_returns_AccessDeniedException()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        session.Service.DenyUserCode(codes.UserCode);

        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(client, codes.DeviceCode), 400, "AccessDeniedException", "access_denied");
        Assert.Throws<InvalidOperationException>(() => session.Service.ApproveUserCode(codes.UserCode));
    }

    [Fact]
    public async Task User_codes_match_regardless_of_case_and_separator()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        session.Service.ApproveUserCode(codes.UserCode.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant());

        Assert.Equal(200, (await session.PollDeviceTokenAsync(client, codes.DeviceCode)).StatusCode);
    }

    [Fact]
    public async Task Approving_an_unknown_user_code_throws_ArgumentException()
    {
        await using var session = await OidcTestSession.StartAsync();

        Assert.Throws<ArgumentException>(() => session.Service.ApproveUserCode("BCDF-GHJK"));
        Assert.Throws<ArgumentException>(() => session.Service.DenyUserCode("BCDF-GHJK"));
    }

    [Fact]
    public async Task StartDeviceAuthorization_with_a_wrong_client_secret_returns_401_InvalidClientException()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();

        WireResponse response = await session.PostJsonAsync("/device_authorization", OidcTestSession.StartDeviceAuthorizationBody(client with { ClientSecret = client.ClientSecret + "x" }));

        AwsErrorAssert.IsError(response, 401, "InvalidClientException", "invalid_client");
    }

    [Fact]
    public async Task CreateToken_with_an_unknown_client_id_returns_401_InvalidClientException()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(client);

        WireResponse response = await session.PollDeviceTokenAsync(client with { ClientId = "unknown" }, codes.DeviceCode);

        AwsErrorAssert.IsError(response, 401, "InvalidClientException", "invalid_client");
    }

    [Fact]
    public async Task Client_credentials_are_rejected_once_the_client_secret_expires()
    {
        var time = TestClocks.Manual();
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { TimeProvider = time, ClientSecretLifetime = TimeSpan.FromDays(1) });
        ClientCredentials client = await session.RegisterClientAsync();
        await session.StartDeviceAuthorizationAsync(client);

        time.Advance(TimeSpan.FromDays(1));
        WireResponse response = await session.PostJsonAsync("/device_authorization", OidcTestSession.StartDeviceAuthorizationBody(client));

        AwsErrorAssert.IsError(response, 401, "InvalidClientException", "invalid_client");
    }

    [Fact]
    public async Task A_device_code_issued_to_another_client_is_an_invalid_grant()
    {
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { AutoApproveDeviceCodes = true });
        ClientCredentials owner = await session.RegisterClientAsync();
        ClientCredentials other = await session.RegisterClientAsync();
        DeviceCodes codes = await session.StartDeviceAuthorizationAsync(owner);

        AwsErrorAssert.IsError(await session.PollDeviceTokenAsync(other, codes.DeviceCode), 400, "InvalidGrantException", "invalid_grant");
        Assert.Equal(200, (await session.PollDeviceTokenAsync(owner, codes.DeviceCode)).StatusCode);
    }

    [Fact]
    public async Task A_client_registered_without_scopes_gets_no_refresh_token()
    {
        await using var session = await OidcTestSession.StartAsync();
        var legacy = new JsonObject { ["clientName"] = "legacy", ["clientType"] = "public" };

        (_, WireResponse token) = await session.SignInWithDeviceCodeAsync(legacy);

        Assert.False(token.Has("refreshToken"), token.Text);
        Assert.True(token.Has("accessToken"));
    }

    [Fact]
    public async Task A_client_registered_with_the_openid_scope_gets_an_id_token_naming_the_issuer_and_subject()
    {
        await using var session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions
        {
            Issuer = new Uri("https://identitycenter.amazonaws.com/ssoins-1111111111111111"),
            Subject = "alice",
        });
        JsonObject registration = OidcTestSession.DeviceClientRegistration();
        registration["scopes"] = new JsonArray("openid", "sso:account:access");

        (ClientCredentials client, WireResponse token) = await session.SignInWithDeviceCodeAsync(registration);

        string[] parts = token.String("idToken").Split('.');
        Assert.Equal(3, parts.Length);
        JsonNode payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal("https://identitycenter.amazonaws.com/ssoins-1111111111111111", (string?)payload["iss"]);
        Assert.Equal("alice", (string?)payload["sub"]);
        Assert.Equal(client.ClientId, (string?)payload["aud"]);
    }

    [Fact]
    public async Task A_client_registered_only_for_authorization_code_cannot_start_device_authorization()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync(OidcTestSession.PkceClientRegistration("http://127.0.0.1:8080/callback", "sso:account:access"));

        WireResponse response = await session.PostJsonAsync("/device_authorization", OidcTestSession.StartDeviceAuthorizationBody(client));

        AwsErrorAssert.IsError(response, 400, "UnauthorizedClientException", "unauthorized_client");
    }

    [Fact]
    public async Task StartDeviceAuthorization_without_startUrl_returns_InvalidRequestException()
    {
        await using var session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        JsonObject body = OidcTestSession.StartDeviceAuthorizationBody(client);
        body.Remove("startUrl");

        AwsErrorAssert.IsError(await session.PostJsonAsync("/device_authorization", body), 400, "InvalidRequestException", "invalid_request");
    }
}
