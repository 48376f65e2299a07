namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Sso.Portal;
using SsoOidcCodegen.Runtime.Sso.Portal.Model;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.Auth;
using Xunit;

/// <summary>
/// The whole path a user takes, every program in its own process: the local service
/// (<c>SsoOidc.LocalService</c>), <c>sso-login --profile</c> for an <c>sso_session</c> profile and a
/// legacy one, then, in this process, a client of the SSO portal model and a client that signs with
/// <see cref="SsoCredentialsProvider"/>, with no second sign-in. The programs share only files
/// (<c>HOME</c>, <c>AWS_CONFIG_FILE</c>) and the endpoint (<c>AWS_ENDPOINT_URL</c>), as the AWS CLI would.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SsoProfilesEndToEndTests : IDisposable
{
    private const string SessionStartUrl = "https://my-sso-portal.awsapps.com/start";
    private const string LegacyStartUrl = "https://legacy-portal.awsapps.com/start";
    private const string ApplicationArn = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111";
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    private readonly TemporaryDirectory _home = new();

    public SsoProfilesEndToEndTests()
    {
        _home.Write(".aws/config", """
            [profile dev]
            sso_session = my-sso
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = us-east-1

            [sso-session my-sso]
            sso_start_url = https://my-sso-portal.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access

            [profile legacy]
            sso_start_url = https://legacy-portal.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = Admin
            """);
    }

    private string CacheDirectory => Path.Combine(_home.Path, ".aws", "sso", "cache");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_session_profile_signs_in_once_and_the_portal_and_a_signed_client_use_that_sign_in()
    {
        using LocalServiceProcess service = await LocalServiceProcess.StartAsync("--access-token-lifetime", "28800");

        int exit = await SsoLoginAsync(service, ["--profile", "dev", "--no-browser"], FollowAuthorizeUrlAsync);

        Assert.Equal(0, exit);
        string tokenFile = Path.Combine(CacheDirectory, SsoTokenCache.FileName("my-sso"));
        string text = File.ReadAllText(tokenFile);
        Assert.StartsWith("{\"startUrl\": \"https://my-sso-portal.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"", text, StringComparison.Ordinal);
        SsoToken token = Assert.IsType<SsoToken>(SsoTokenCache.Parse(File.ReadAllBytes(tokenFile)));
        Assert.NotNull(token.RefreshToken);

        // A client of the SSO portal model, with the cached token.
        using var portal = new SsoPortalClient(new AwsClientOptions { Region = "us-east-1", ServiceUrl = service.BaseAddress });
        ListAccountsResponse accounts = await portal.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }, TestContext.Current.CancellationToken);
        Assert.Equal(["111122223333"], accounts.AccountList!.Select(account => account.AccountId));
        ListAccountRolesResponse roles = await portal.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = "111122223333" }, TestContext.Current.CancellationToken);
        Assert.Contains("ReadOnly", roles.RoleList!.Select(role => role.RoleName));

        // A client that signs with the SSO credentials of the profile.
        using var provider = new SsoCredentialsProvider("dev", Environment(service).GetValueOrDefault);
        using var oidc = new SsoOidcClient(new AwsClientOptions { Region = "us-east-1", ServiceUrl = service.BaseAddress, Credentials = provider });
        CreateTokenWithIAMResponse iam = await oidc.CreateTokenWithIAMAsync(
            new CreateTokenWithIAMRequest { ClientId = ApplicationArn, GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer", Assertion = Assertion("alice") },
            TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(iam.AccessToken));

        JsonElement[] requests = await service.RequestsAsync(TestContext.Current.CancellationToken);
        JsonElement issued = Assert.Single(await service.IssuedRoleCredentialsAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ReadOnly", issued.GetProperty("roleName").GetString());
        JsonElement signed = Assert.Single(requests, r => r.GetProperty("query").GetString() == "?aws_iam=t");
        Assert.Contains($"Credential={issued.GetProperty("accessKeyId").GetString()}/", signed.GetProperty("headers").GetProperty("Authorization").GetString(), StringComparison.Ordinal);
        Assert.Single(requests, r => r.GetProperty("path").GetString() == "/authorize");
        Assert.Single(requests, r => r.GetProperty("path").GetString() == "/client/register");

        // A second sso-login finds the token valid and signs in no more.
        int again = await SsoLoginAsync(service, ["--profile", "dev", "--no-browser"], null);
        Assert.Equal(0, again);
        Assert.Single(await service.RequestsAsync(TestContext.Current.CancellationToken), r => r.GetProperty("path").GetString() == "/authorize");
    }

    [Fact]
    public async Task A_legacy_profile_signs_in_with_the_device_code_and_its_token_gives_role_credentials()
    {
        using LocalServiceProcess service = await LocalServiceProcess.StartAsync("--access-token-lifetime", "28800");

        int exit = await SsoLoginAsync(service, ["--profile", "legacy", "--no-browser"], async (process, _) =>
        {
            string code = await service.ApproveNextUserCodeAsync(ProcessTimeout, TestContext.Current.CancellationToken);
            Assert.NotNull(await process.WaitForLineAsync(line => line.Contains(code, StringComparison.Ordinal), ProcessTimeout, TestContext.Current.CancellationToken));
        });

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(CacheDirectory, SsoTokenCache.FileName(LegacyStartUrl))));
        using var provider = new SsoCredentialsProvider("legacy", Environment(service).GetValueOrDefault);
        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);
        JsonElement issued = Assert.Single(await service.IssuedRoleCredentialsAsync(TestContext.Current.CancellationToken));
        Assert.Equal((issued.GetProperty("accessKeyId").GetString(), "Admin"), (credentials.AccessKeyId, issued.GetProperty("roleName").GetString()));
        Assert.Single(await service.RequestsAsync(TestContext.Current.CancellationToken), r => r.GetProperty("path").GetString() == "/device_authorization");
    }

    [Fact]
    public async Task A_token_near_expiry_is_refreshed_by_the_provider_and_written_back()
    {
        // Tokens live 10 minutes: inside the 15-minute refresh window from the start.
        using LocalServiceProcess service = await LocalServiceProcess.StartAsync("--access-token-lifetime", "600");
        Assert.Equal(0, await SsoLoginAsync(service, ["--profile", "dev", "--no-browser"], FollowAuthorizeUrlAsync));
        string tokenFile = Path.Combine(CacheDirectory, SsoTokenCache.FileName("my-sso"));
        SsoToken before = SsoTokenCache.Parse(File.ReadAllBytes(tokenFile))!;

        using var provider = new SsoCredentialsProvider("dev", Environment(service).GetValueOrDefault);
        await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        SsoToken after = SsoTokenCache.Parse(File.ReadAllBytes(tokenFile))!;
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Equal(before.ClientId, after.ClientId);
        JsonElement[] requests = await service.RequestsAsync(TestContext.Current.CancellationToken);
        Assert.Single(requests, r => r.GetProperty("path").GetString() == "/token" && r.GetProperty("body").GetString()!.Contains("\"refresh_token\"", StringComparison.Ordinal));
        Assert.Equal(after.AccessToken, requests.Last(r => r.GetProperty("path").GetString() == "/federation/credentials").GetProperty("headers").GetProperty("x-amz-sso_bearer_token").GetString());
    }

    [Fact]
    public async Task An_expired_token_with_an_expired_refresh_token_tells_the_user_to_run_sso_login()
    {
        using LocalServiceProcess service = await LocalServiceProcess.StartAsync("--access-token-lifetime", "1", "--refresh-token-lifetime", "1");
        Assert.Equal(0, await SsoLoginAsync(service, ["--profile", "dev", "--no-browser"], FollowAuthorizeUrlAsync));
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        using var provider = new SsoCredentialsProvider("dev", Environment(service).GetValueOrDefault);
        SsoLoginRequiredException error = await Assert.ThrowsAsync<SsoLoginRequiredException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("To sign in again, run: sso-login --profile dev", error.Message, StringComparison.Ordinal);
        Assert.Contains("the refresh was refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_signs_out_at_the_portal_and_removes_the_cached_tokens()
    {
        using LocalServiceProcess service = await LocalServiceProcess.StartAsync("--access-token-lifetime", "28800");
        Assert.Equal(0, await SsoLoginAsync(service, ["--profile", "dev", "--no-browser"], FollowAuthorizeUrlAsync));
        string tokenFile = Path.Combine(CacheDirectory, SsoTokenCache.FileName("my-sso"));
        string accessToken = SsoTokenCache.Parse(File.ReadAllBytes(tokenFile))!.AccessToken;

        int exit = await SsoLoginAsync(service, ["logout"], null);

        Assert.Equal(0, exit);
        Assert.False(File.Exists(tokenFile));
        JsonElement logout = Assert.Single(await service.RequestsAsync(TestContext.Current.CancellationToken), r => r.GetProperty("path").GetString() == "/logout");
        Assert.Equal(accessToken, logout.GetProperty("headers").GetProperty("x-amz-sso_bearer_token").GetString());
        using var portal = new SsoPortalClient(new AwsClientOptions { Region = "us-east-1", ServiceUrl = service.BaseAddress });
        await Assert.ThrowsAsync<UnauthorizedException>(async () => await portal.ListAccountsAsync(new ListAccountsRequest { AccessToken = accessToken }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_profile_that_does_not_exist_exits_2_with_one_line_naming_it()
    {
        using LocalServiceProcess service = await LocalServiceProcess.StartAsync();
        ExternalProcess process = ExternalProcess.Start("sso-login.dll", ["--profile", "nope"], Environment(service));
        using (process)
        {
            Assert.Equal(2, await process.WaitForExitAsync(ProcessTimeout, TestContext.Current.CancellationToken));
            Assert.Contains("has no profile 'nope'", process.Error, StringComparison.Ordinal);
        }
    }

    private Dictionary<string, string> Environment(LocalServiceProcess service) => new()
    {
        ["HOME"] = _home.Path,
        ["USERPROFILE"] = _home.Path,
        ["AWS_CONFIG_FILE"] = Path.Combine(_home.Path, ".aws", "config"),
        ["AWS_ENDPOINT_URL"] = service.BaseAddress.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    private async Task<int> SsoLoginAsync(LocalServiceProcess service, string[] args, Func<ExternalProcess, LocalServiceProcess, Task>? userActs)
    {
        using ExternalProcess process = ExternalProcess.Start("sso-login.dll", args, Environment(service));
        if (userActs is not null)
        {
            await userActs(process, service);
        }

        int exit = await process.WaitForExitAsync(ProcessTimeout, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"sso-login {string.Join(' ', args)} exited {exit}:{System.Environment.NewLine}{process.Output}{System.Environment.NewLine}{process.Error}");
        return exit;
    }

    /// <summary>The user's browser: opens the printed authorization URL and follows the redirect to sso-login's loopback listener.</summary>
    private static async Task FollowAuthorizeUrlAsync(ExternalProcess process, LocalServiceProcess service)
    {
        string? line = await process.WaitForLineAsync(l => l.TrimStart().StartsWith(service.BaseAddress + "authorize?", StringComparison.Ordinal), ProcessTimeout, TestContext.Current.CancellationToken);
        Assert.True(line is not null, "sso-login printed no authorization URL: " + process.Output + process.Error);
        using var browser = new HttpClient();
        using HttpResponseMessage page = await browser.GetAsync(line!.Trim(), TestContext.Current.CancellationToken);
        page.EnsureSuccessStatusCode();
    }

    private static string Assertion(string subject)
    {
        static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        long expires = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part($"{{\"sub\":\"{subject}\",\"exp\":{expires}}}") + ".c2ln";
    }
}
