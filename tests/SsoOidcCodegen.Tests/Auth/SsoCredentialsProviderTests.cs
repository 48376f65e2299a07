namespace SsoOidcCodegen.Tests.Auth;

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.LocalService;
using Xunit;
using Microsoft.Extensions.Time.Testing;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// <see cref="SsoCredentialsProvider"/> against the local SSO OIDC service and SSO portal (in-process),
/// with a token cache and a config file in a temporary home directory, on a clock the test moves.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class SsoCredentialsProviderTests : IAsyncLifetime
{
    private const string StartUrl = "https://my-sso-portal.awsapps.com/start";
    private const string LegacyStartUrl = "https://legacy-portal.awsapps.com/start";
    private const string Config =
        """
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

        [profile static]
        aws_access_key_id = AKIDSTATICEXAMPLE
        aws_secret_access_key = staticSecretEXAMPLE
        """;

    private readonly TemporaryDirectory _home = new();
    private readonly FakeEnvironment _environment = new();
    private readonly FakeTimeProvider _clock = TestClocks.Manual();
    private LocalSsoOidcService _service = null!;

    private string CacheDirectory => SsoTokenCache.DefaultDirectory(_home.Path);

    public async ValueTask InitializeAsync()
    {
        _home.Write(".aws/config", Config);
        _service = await LocalSsoOidcService.StartAsync(
            new LocalSsoOidcServiceOptions { TimeProvider = _clock, AutoApproveDeviceCodes = true, AccessTokenLifetime = TimeSpan.FromHours(8) },
            TestContext.Current.CancellationToken);
        _environment["HOME"] = _home.Path;
        _environment["AWS_ENDPOINT_URL"] = _service.BaseAddress.ToString();
        _environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task A_session_profile_gets_role_credentials_for_its_account_and_role_with_the_cached_token()
    {
        SsoToken token = await SignInAsync("my-sso", StartUrl);
        using var provider = Provider("dev");

        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        IssuedRoleCredentials issued = _service.IssuedRoleCredentials[credentials.AccessKeyId];
        Assert.Equal(("111122223333", "ReadOnly"), (issued.AccountId, issued.RoleName));
        Assert.Equal(issued.SecretAccessKey, credentials.SecretAccessKey);
        Assert.Equal(issued.SessionToken, credentials.SessionToken);
        Assert.Equal("111122223333", credentials.AccountId);
        RecordedRequest request = Assert.Single(_service.Requests, r => r.Path == "/federation/credentials");
        Assert.Equal(token.AccessToken, request.Headers["x-amz-sso_bearer_token"]);
        Assert.Contains("role_name=ReadOnly", request.QueryString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_credentials_are_reused_until_five_minutes_before_they_expire()
    {
        await SignInAsync("my-sso", StartUrl);
        using var provider = Provider("dev");

        AwsCredentials first = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(54));
        AwsCredentials second = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(2));
        AwsCredentials third = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Same(first, second);
        Assert.NotEqual(first.AccessKeyId, third.AccessKeyId);
        Assert.Equal(2, _service.Requests.Count(r => r.Path == "/federation/credentials"));
    }

    [Fact]
    public async Task A_legacy_profile_uses_the_token_cached_under_its_start_url()
    {
        await SignInAsync(LegacyStartUrl, LegacyStartUrl);
        using var provider = Provider("legacy");

        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Admin", _service.IssuedRoleCredentials[credentials.AccessKeyId].RoleName);
        Assert.True(File.Exists(Path.Combine(CacheDirectory, SsoTokenCache.FileName(LegacyStartUrl))));
    }

    [Fact]
    public async Task A_token_near_expiry_is_refreshed_and_the_cache_is_written_back_as_the_AWS_CLI_writes_it()
    {
        SsoToken original = await SignInAsync("my-sso", StartUrl);
        _clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(10));
        using var provider = Provider("dev");

        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        RecordedRequest refresh = Assert.Single(_service.Requests, r => r.Path == "/token" && r.BodyText.Contains("refresh_token\"", StringComparison.Ordinal) && r.ReceivedAt > original.ExpiresAt - TimeSpan.FromHours(1));
        Assert.Contains(original.RefreshToken!, refresh.BodyText, StringComparison.Ordinal);
        string text = File.ReadAllText(Path.Combine(CacheDirectory, SsoTokenCache.FileName("my-sso")));
        using JsonDocument written = JsonDocument.Parse(text);
        Assert.Equal(
            ["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"],
            written.RootElement.EnumerateObject().Select(member => member.Name));
        Assert.NotEqual(original.AccessToken, written.RootElement.GetProperty("accessToken").GetString());
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"), written.RootElement.GetProperty("expiresAt").GetString());
        Assert.StartsWith("{\"startUrl\": \"", text, StringComparison.Ordinal);
        RecordedRequest portal = _service.Requests.Last(r => r.Path == "/federation/credentials");
        Assert.Equal(written.RootElement.GetProperty("accessToken").GetString(), portal.Headers["x-amz-sso_bearer_token"]);
        Assert.NotNull(credentials.SessionToken);
    }

    [Fact]
    public async Task An_expired_token_whose_refresh_is_refused_asks_the_user_to_run_sso_login()
    {
        SsoToken token = await SignInAsync("my-sso", StartUrl);
        new SsoTokenCache(CacheDirectory).Write("my-sso", token with { RefreshToken = "revoked-refresh-token", ExpiresAt = _clock.GetUtcNow().AddMinutes(-1) });
        using var provider = Provider("dev");

        SsoLoginRequiredException error = await Assert.ThrowsAsync<SsoLoginRequiredException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("sso-login --profile dev", error.Message, StringComparison.Ordinal);
        Assert.Contains("the refresh was refused (InvalidGrant", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-refresh-token", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_service.Requests, r => r.Path == "/federation/credentials");
    }

    [Fact]
    public async Task Without_a_cached_token_the_provider_asks_the_user_to_run_sso_login_and_names_the_file()
    {
        using var provider = Provider("legacy");

        SsoLoginRequiredException error = await Assert.ThrowsAsync<SsoLoginRequiredException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("sso-login --profile legacy", error.Message, StringComparison.Ordinal);
        Assert.Contains(SsoTokenCache.FileName(LegacyStartUrl), error.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task A_token_the_portal_refuses_asks_the_user_to_run_sso_login()
    {
        SsoToken token = await SignInAsync("my-sso", StartUrl);
        using var client = new SsoOidcCodegen.Runtime.Sso.Portal.SsoPortalClient(new AwsClientOptions { Region = "us-east-1", ServiceUrl = _service.BaseAddress, TimeProvider = _clock });
        await client.LogoutAsync(new SsoOidcCodegen.Runtime.Sso.Portal.Model.LogoutRequest { AccessToken = token.AccessToken }, TestContext.Current.CancellationToken);
        using var provider = Provider("dev");

        SsoLoginRequiredException error = await Assert.ThrowsAsync<SsoLoginRequiredException>(
            async () => await provider.GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("did not accept the cached access token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_file_written_by_the_AWS_CLI_is_used_without_calling_SSO_OIDC()
    {
        SsoToken token = await SignInAsync("scratch", StartUrl);
        int before = _service.Requests.Count;
        Directory.CreateDirectory(CacheDirectory);

        // What `aws sso login` writes for a legacy profile: json.dumps of four members, "%Y-%m-%dT%H:%M:%SZ".
        string expiresAt = token.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(
            Path.Combine(CacheDirectory, SsoTokenCache.FileName(LegacyStartUrl)),
            $"{{\"startUrl\": \"{LegacyStartUrl}\", \"region\": \"us-east-1\", \"accessToken\": \"{token.AccessToken}\", \"expiresAt\": \"{expiresAt}\"}}");
        using var provider = Provider("legacy");

        AwsCredentials credentials = await provider.GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Admin", _service.IssuedRoleCredentials[credentials.AccessKeyId].RoleName);
        Assert.Equal(["/federation/credentials"], _service.Requests.Skip(before).Select(r => r.Path));
    }

    [Fact]
    public async Task The_default_chain_takes_SSO_credentials_for_an_SSO_profile_and_static_keys_for_another()
    {
        await SignInAsync("my-sso", StartUrl);
        var options = new SsoCredentialsProviderOptions { TimeProvider = _clock };

        AwsCredentials sso = await new DefaultCredentialsChain("dev", _environment.Reader, options).GetCredentialsAsync(TestContext.Current.CancellationToken);
        AwsCredentials keys = await new DefaultCredentialsChain("static", _environment.Reader, options).GetCredentialsAsync(TestContext.Current.CancellationToken);

        Assert.True(_service.IssuedRoleCredentials.ContainsKey(sso.AccessKeyId));
        Assert.Equal("AKIDSTATICEXAMPLE", keys.AccessKeyId);
    }

    [Fact]
    public async Task The_default_chain_stops_at_an_SSO_profile_without_a_sign_in_instead_of_trying_further_sources()
    {
        _environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:9/never-asked";

        SsoLoginRequiredException error = await Assert.ThrowsAsync<SsoLoginRequiredException>(
            async () => await new DefaultCredentialsChain("dev", _environment.Reader, new SsoCredentialsProviderOptions { TimeProvider = _clock }).GetCredentialsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("sso-login --profile dev", error.Message, StringComparison.Ordinal);
    }

    private SsoCredentialsProvider Provider(string profile) =>
        new(profile, _environment.Reader, new SsoCredentialsProviderOptions { TimeProvider = _clock });

    /// <summary>Signs in to the local service (device code, auto-approved) and caches the token under <paramref name="key"/>.</summary>
    private async Task<SsoToken> SignInAsync(string key, string startUrl)
    {
        using var client = new SsoOidcClient(new AwsClientOptions { Region = "us-east-1", ServiceUrl = _service.BaseAddress, TimeProvider = _clock });
        RegisterClientResponse registration = await client.RegisterClientAsync(
            new RegisterClientRequest { ClientName = "test", ClientType = "public", Scopes = ["sso:account:access"] },
            TestContext.Current.CancellationToken);
        StartDeviceAuthorizationResponse device = await client.StartDeviceAuthorizationAsync(
            new StartDeviceAuthorizationRequest { ClientId = registration.ClientId, ClientSecret = registration.ClientSecret, StartUrl = startUrl },
            TestContext.Current.CancellationToken);
        CreateTokenResponse created = await client.CreateTokenAsync(
            new CreateTokenRequest { ClientId = registration.ClientId, ClientSecret = registration.ClientSecret, GrantType = "urn:ietf:params:oauth:grant-type:device_code", DeviceCode = device.DeviceCode },
            TestContext.Current.CancellationToken);
        var token = new SsoToken
        {
            StartUrl = startUrl,
            Region = "us-east-1",
            AccessToken = created.AccessToken!,
            ExpiresAt = _clock.GetUtcNow().AddSeconds(created.ExpiresIn!.Value),
            ClientId = registration.ClientId,
            ClientSecret = registration.ClientSecret,
            RegistrationExpiresAt = DateTimeOffset.FromUnixTimeSeconds(registration.ClientSecretExpiresAt!.Value),
            RefreshToken = created.RefreshToken,
        };
        new SsoTokenCache(CacheDirectory).Write(key, token);
        return token;
    }
}
