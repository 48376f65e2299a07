namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;

/// <summary>The local service's SSO portal routes and its <c>/_admin/</c> surface, over HTTP as a separate program would use them.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class PortalAndAdminTests
{
    [Fact]
    public async Task GetRoleCredentials_answers_fresh_credentials_for_an_assigned_role_and_remembers_them()
    {
        await using OidcTestSession session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { AutoApproveDeviceCodes = true });
        string token = await AccessTokenAsync(session);

        WireResponse response = await Portal(session, HttpMethod.Get, "/federation/credentials?role_name=Admin&account_id=111122223333", token);

        Assert.Equal(200, response.StatusCode);
        JsonElement role = response.Json.GetProperty("roleCredentials");
        string keyId = role.GetProperty("accessKeyId").GetString()!;
        Assert.StartsWith("ASIA", keyId, StringComparison.Ordinal);
        Assert.Equal("Admin", session.Service.IssuedRoleCredentials[keyId].RoleName);
        Assert.True(role.GetProperty("expiration").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("/federation/credentials?role_name=Admin&account_id=111122223333", 401, "UnauthorizedException")]
    [InlineData("/assignment/accounts", 401, "UnauthorizedException")]
    public async Task A_portal_call_with_an_unknown_token_is_unauthorized_with_a_message_body(string pathAndQuery, int status, string errorType)
    {
        await using OidcTestSession session = await OidcTestSession.StartAsync();

        WireResponse response = await Portal(session, HttpMethod.Get, pathAndQuery, "not-a-token");

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith(errorType + ":", response.ErrorType, StringComparison.Ordinal);
        Assert.Equal("Session token not found or invalid", response.Json.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("role_name=Nope&account_id=111122223333")]
    [InlineData("role_name=Admin&account_id=999999999999")]
    public async Task A_role_or_account_that_is_not_assigned_is_not_found(string query)
    {
        await using OidcTestSession session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { AutoApproveDeviceCodes = true });
        string token = await AccessTokenAsync(session);

        WireResponse response = await Portal(session, HttpMethod.Get, "/federation/credentials?" + query, token);

        Assert.Equal(404, response.StatusCode);
        Assert.StartsWith("ResourceNotFoundException:", response.ErrorType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAccounts_pages_with_next_token_and_ListAccountRoles_lists_the_roles()
    {
        PortalAccount[] accounts = [PortalAccount.Parse("111111111111:One=A"), PortalAccount.Parse("222222222222:Two=B,C"), PortalAccount.Parse("333333333333=D")];
        await using OidcTestSession session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { AutoApproveDeviceCodes = true, Accounts = accounts });
        string token = await AccessTokenAsync(session);

        WireResponse first = await Portal(session, HttpMethod.Get, "/assignment/accounts?max_result=2", token);
        WireResponse second = await Portal(session, HttpMethod.Get, "/assignment/accounts?max_result=2&next_token=" + first.Json.GetProperty("nextToken").GetString(), token);
        WireResponse roles = await Portal(session, HttpMethod.Get, "/assignment/roles?account_id=222222222222", token);

        Assert.Equal(["111111111111", "222222222222"], first.Json.GetProperty("accountList").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
        Assert.Equal(["333333333333"], second.Json.GetProperty("accountList").EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
        Assert.False(second.Json.TryGetProperty("nextToken", out _));
        Assert.Equal(["B", "C"], roles.Json.GetProperty("roleList").EnumerateArray().Select(r => r.GetProperty("roleName").GetString()));
    }

    [Fact]
    public async Task Logout_makes_the_access_token_stop_working()
    {
        await using OidcTestSession session = await OidcTestSession.StartAsync(new LocalSsoOidcServiceOptions { AutoApproveDeviceCodes = true });
        string token = await AccessTokenAsync(session);

        WireResponse logout = await Portal(session, HttpMethod.Post, "/logout", token);
        WireResponse after = await Portal(session, HttpMethod.Get, "/assignment/accounts", token);

        Assert.Equal(200, logout.StatusCode);
        Assert.Empty(logout.Body);
        Assert.Equal(401, after.StatusCode);
    }

    [Fact]
    public async Task The_admin_surface_lists_and_approves_pending_user_codes()
    {
        await using OidcTestSession session = await OidcTestSession.StartAsync();
        ClientCredentials client = await session.RegisterClientAsync();
        DeviceCodes device = await session.StartDeviceAuthorizationAsync(client);

        WireResponse pending = await session.GetAsync("/_admin/user-codes");
        WireResponse approved = await session.PostJsonAsync($"/_admin/user-codes/{device.UserCode}/approve", "{}");
        WireResponse again = await session.PostJsonAsync($"/_admin/user-codes/{device.UserCode}/deny", "{}");
        WireResponse unknown = await session.PostJsonAsync("/_admin/user-codes/ZZZZ-ZZZZ/approve", "{}");
        WireResponse token = await session.PollDeviceTokenAsync(client, device.DeviceCode);

        Assert.Equal([device.UserCode], pending.Json.GetProperty("pending").EnumerateArray().Select(code => code.GetString()));
        Assert.Equal(200, approved.StatusCode);
        Assert.Equal(409, again.StatusCode);
        Assert.Equal(404, unknown.StatusCode);
        Assert.Equal(200, token.StatusCode);
        Assert.Empty((await session.GetAsync("/_admin/user-codes")).Json.GetProperty("pending").EnumerateArray());
    }

    [Fact]
    public async Task Faults_planned_over_http_apply_to_the_next_requests_and_admin_calls_are_not_recorded()
    {
        await using OidcTestSession session = await OidcTestSession.StartAsync();

        WireResponse planned = await session.PostJsonAsync("/_admin/faults", """{"route": "/client/register", "kind": "status", "status": 503, "times": 1}""");
        WireResponse faulted = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());
        WireResponse normal = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());
        WireResponse bad = await session.PostJsonAsync("/_admin/faults", """{"route": "/token", "kind": "meteor"}""");
        WireResponse requests = await session.GetAsync("/_admin/requests");

        Assert.Equal(200, planned.StatusCode);
        Assert.Equal(503, faulted.StatusCode);
        Assert.Equal(200, normal.StatusCode);
        Assert.Equal(400, bad.StatusCode);
        JsonElement[] recorded = [.. requests.Json.GetProperty("requests").EnumerateArray()];
        Assert.Equal(["/client/register", "/client/register"], recorded.Select(r => r.GetProperty("path").GetString()));
        Assert.Equal("Status", recorded[0].GetProperty("fault").GetString());
        Assert.Contains("\"clientType\"", recorded[1].GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456789012=ReadOnly", "123456789012", "123456789012", new[] { "ReadOnly" })]
    [InlineData("123456789012:Dev team=ReadOnly, Admin", "123456789012", "Dev team", new[] { "ReadOnly", "Admin" })]
    public void An_account_option_parses_id_name_and_roles(string text, string id, string name, string[] roles)
    {
        PortalAccount account = PortalAccount.Parse(text);

        Assert.Equal((id, name), (account.AccountId, account.AccountName));
        Assert.Equal(roles, account.Roles);
    }

    [Theory]
    [InlineData("123456789012")]
    [InlineData("12345=ReadOnly")]
    [InlineData("123456789012=")]
    public void A_malformed_account_option_is_refused(string text) =>
        Assert.Throws<FormatException>(() => PortalAccount.Parse(text));

    private static async Task<string> AccessTokenAsync(OidcTestSession session)
    {
        (_, WireResponse token) = await session.SignInWithDeviceCodeAsync();
        return token.Json.GetProperty("accessToken").GetString()!;
    }

    private static Task<WireResponse> Portal(OidcTestSession session, HttpMethod method, string pathAndQuery, string token)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.TryAddWithoutValidation("x-amz-sso_bearer_token", token);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent(string.Empty, Encoding.UTF8);
        }

        return session.SendAsync(request);
    }
}
