namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using global::SsoOidc.LocalService;
using SsoLogin.Browsers;
using SsoLogin.Caching;
using SsoLogin.Flow;
using Xunit;

/// <summary>The login flows end to end: our generated client against the local service on loopback.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class LoginFlowTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Device_flow_signs_in_once_the_user_approves_and_caches_the_token_in_the_AWS_CLI_format()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        DateTimeOffset started = host.Clock.GetUtcNow();

        LoginResult result = await host.LoginAsync(LoginMethod.DeviceCode);

        Assert.Equal(LoginOutcome.SignedIn, result.Outcome);
        Assert.Equal(host.TokenPath, result.CachePath);
        Assert.Equal(["/client/register", "/device_authorization", "/token"], host.Service.Requests.Select(r => r.Path));
        using JsonDocument cache = JsonDocument.Parse(File.ReadAllBytes(host.TokenPath));
        JsonElement root = cache.RootElement;
        Assert.Equal(LoginTestHost.StartUrl, root.GetProperty("startUrl").GetString());
        Assert.Equal(LoginTestHost.Region, root.GetProperty("region").GetString());
        Assert.Equal(result.Token.AccessToken, root.GetProperty("accessToken").GetString());
        Assert.Equal("2026-01-15T10:30:00Z", root.GetProperty("expiresAt").GetString());
        Assert.Equal(started.AddHours(1), result.Token.ExpiresAt);
        Assert.Equal("2026-04-15T09:30:00Z", root.GetProperty("registrationExpiresAt").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("refreshToken").GetString()));

        // The token the cache holds is the one the service issued: it refreshes.
        JsonElement token = JsonDocument.Parse(host.RequestsTo("/token").Single().BodyText).RootElement;
        Assert.Equal(OAuthGrants.DeviceCode, token.GetProperty("grantType").GetString());
        Assert.Equal(root.GetProperty("clientId").GetString(), token.GetProperty("clientId").GetString());
        Assert.Equal(root.GetProperty("clientSecret").GetString(), token.GetProperty("clientSecret").GetString());
    }

    [Fact]
    public async Task Device_flow_polls_at_the_interval_the_service_names_until_approved()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            PollingInterval = TimeSpan.FromSeconds(3),
        });
        var user = new IdleBrowser();
        ApproveBeforeTimer(host, 3);

        LoginResult result = await host.LoginAsync(LoginMethod.DeviceCode, user);

        Assert.Equal(LoginOutcome.SignedIn, result.Outcome);
        Assert.Equal(1, user.Opened);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], host.Clock.Delays);
        RecordedRequest[] polls = host.RequestsTo("/token");
        Assert.Equal(4, polls.Length);
        Assert.All(polls.Zip(polls.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(3), pair.Second.ReceivedAt - pair.First.ReceivedAt));
        Assert.Contains("Waiting for the sign-in to be approved", host.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("... approved.", host.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_flow_on_a_terminal_rewrites_one_status_line_with_the_elapsed_time_below_the_code()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            PollingInterval = TimeSpan.FromSeconds(3),
            DeviceCodeLifetime = TimeSpan.FromMinutes(10),
        });
        host.InteractiveOutput = true;
        ApproveBeforeTimer(host, 3);

        await host.LoginAsync(LoginMethod.DeviceCode, new IdleBrowser());

        string output = host.Output.ToString();
        int code = output.IndexOf("enter the code", StringComparison.Ordinal);
        Assert.True(code >= 0, output);
        Assert.Contains("\rWaiting for the sign-in to be approved: 0:03 elapsed, the code expires in 9:57.", output[code..], StringComparison.Ordinal);
        Assert.Contains("\rWaiting for the sign-in to be approved: 0:09 elapsed, the code expires in 9:51. approved.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("...", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_flow_adds_five_seconds_to_the_polling_interval_after_slow_down()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            PollingInterval = TimeSpan.FromSeconds(2),
        });
        host.Service.Faults.For("/token").Throttle(ThrottleStyle.SlowDown);
        ApproveBeforeTimer(host, 3);

        LoginResult result = await host.LoginAsync(LoginMethod.DeviceCode, new IdleBrowser());

        Assert.Equal(LoginOutcome.SignedIn, result.Outcome);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], host.Clock.Delays);
        RecordedRequest[] polls = host.RequestsTo("/token");
        Assert.Equal(FaultKind.Throttle, polls[0].Fault);
        Assert.All(polls.Skip(1), poll => Assert.Null(poll.Fault));
        Assert.Contains("polling every 7 s", host.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_flow_that_polls_at_the_services_interval_is_never_told_to_slow_down()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            PollingInterval = TimeSpan.FromSeconds(5),
        });
        ApproveBeforeTimer(host, 6);

        await host.LoginAsync(LoginMethod.DeviceCode, new IdleBrowser());

        Assert.Equal(7, host.RequestsTo("/token").Length);
        Assert.DoesNotContain("slowing down", host.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_flow_survives_a_throttled_poll_which_the_client_retries()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            PollingInterval = TimeSpan.FromSeconds(1),
        });
        host.Service.Faults.For("/token").Throttle(ThrottleStyle.TooManyRequests);
        ApproveBeforeTimer(host, 2);

        LoginResult result = await host.LoginAsync(LoginMethod.DeviceCode, new IdleBrowser());

        Assert.Equal(LoginOutcome.SignedIn, result.Outcome);
        RecordedRequest[] polls = host.RequestsTo("/token");
        Assert.Equal(FaultKind.Throttle, polls[0].Fault);
        Assert.Equal("attempt=2; max=3", polls[1].Headers["amz-sdk-request"]);
        Assert.True(File.Exists(host.TokenPath));
    }

    [Fact]
    public async Task Device_flow_stops_with_a_clear_message_when_the_code_expires_unapproved()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            DeviceCodeLifetime = TimeSpan.FromSeconds(30),
            PollingInterval = TimeSpan.FromSeconds(5),
        });

        var failure = await Assert.ThrowsAsync<LoginFailedException>(() => host.LoginAsync(LoginMethod.DeviceCode, new IdleBrowser()));

        Assert.Equal("The device code expired before the sign-in was approved; run sso-login again and approve it sooner.", failure.Message);
        Assert.InRange(host.RequestsTo("/token").Length, 5, 6);
        Assert.False(File.Exists(host.TokenPath));
    }

    [Fact]
    public async Task Device_flow_reports_the_services_ExpiredTokenException_with_the_same_message()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            DeviceCodeLifetime = TimeSpan.FromMinutes(10),
            PollingInterval = TimeSpan.FromSeconds(5),
        });

        // The user walks away while the tool sleeps (a laptop lid closed): the service has expired the code.
        host.Clock.BeforeTimerFires = (_, _) => host.Clock.Advance(TimeSpan.FromMinutes(11));

        var failure = await Assert.ThrowsAsync<LoginFailedException>(() => host.LoginAsync(LoginMethod.DeviceCode, new IdleBrowser()));

        Assert.Contains("expired", failure.Message, StringComparison.Ordinal);
        Assert.IsType<SsoOidcCodegen.SsoOidc.Model.ExpiredTokenException>(failure.InnerException);
        Assert.Equal(2, host.RequestsTo("/token").Length);
    }

    [Fact]
    public async Task Device_flow_stops_with_a_clear_message_when_the_user_denies()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        using var denying = new SsoLogin.Demo.LocalServiceBrowser(host.Service, approve: false);

        var failure = await Assert.ThrowsAsync<LoginFailedException>(() => host.LoginAsync(LoginMethod.DeviceCode, denying));

        Assert.Equal("The sign-in request was denied; run sso-login again to retry.", failure.Message);
        Assert.IsType<SsoOidcCodegen.SsoOidc.Model.AccessDeniedException>(failure.InnerException);
        Assert.False(File.Exists(host.TokenPath));
    }

    [Fact]
    public async Task Pkce_flow_signs_in_through_the_loopback_listener_and_caches_the_token()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();

        LoginResult result = await host.LoginAsync(LoginMethod.AuthorizationCode);

        Assert.Equal(LoginOutcome.SignedIn, result.Outcome);
        Assert.Equal(["/client/register", "/authorize", "/token"], host.Service.Requests.Select(r => r.Path));
        JsonElement registration = JsonDocument.Parse(host.RequestsTo("/client/register").Single().BodyText).RootElement;
        Assert.Equal("[\"authorization_code\",\"refresh_token\"]", registration.GetProperty("grantTypes").GetRawText());
        Assert.Equal("[\"http://127.0.0.1/oauth/callback\"]", registration.GetProperty("redirectUris").GetRawText());
        Assert.Equal(LoginTestHost.StartUrl, registration.GetProperty("issuerUrl").GetString());

        var authorize = HttpUtility.ParseQueryString(host.RequestsTo("/authorize").Single().QueryString);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Equal("code", authorize["response_type"]);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/oauth/callback$", authorize["redirect_uri"]);

        JsonElement token = JsonDocument.Parse(host.RequestsTo("/token").Single().BodyText).RootElement;
        Assert.Equal("authorization_code", token.GetProperty("grantType").GetString());
        Assert.Equal(authorize["redirect_uri"], token.GetProperty("redirectUri").GetString());
        Assert.Equal(43, token.GetProperty("codeVerifier").GetString()!.Length);

        CachedToken cached = Assert.IsType<CachedToken>(host.Tokens.Read(LoginTestHost.StartUrl));
        Assert.Equal(result.Token.AccessToken, cached.AccessToken);
        Assert.NotNull(cached.RefreshToken);
    }

    [Fact]
    public async Task Pkce_flow_fails_with_a_clear_message_when_the_user_declines()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            AutoApproveAuthorization = false,
        });

        var failure = await Assert.ThrowsAsync<LoginFailedException>(() => host.LoginAsync(LoginMethod.AuthorizationCode));

        Assert.Equal("The sign-in request was denied; run sso-login again to retry.", failure.Message);
        Assert.Empty(host.RequestsTo("/token"));
        Assert.False(File.Exists(host.TokenPath));
    }

    [Fact]
    public async Task Pkce_flow_rejects_a_callback_that_carries_another_requests_state()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        var forger = new ForgedCallbackBrowser();

        var failure = await Assert.ThrowsAsync<LoginFailedException>(() => host.LoginAsync(LoginMethod.AuthorizationCode, forger));

        Assert.Contains("state mismatch", failure.Message, StringComparison.Ordinal);
        Assert.Empty(host.RequestsTo("/token"));
    }

    [Fact]
    public async Task Pkce_flow_gives_up_when_the_browser_never_comes_back()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();

        var failure = await Assert.ThrowsAsync<LoginFailedException>(() => host.LoginAsync(
            LoginMethod.AuthorizationCode,
            new IdleBrowser(),
            settings => settings with { AuthorizationTimeout = TimeSpan.FromMilliseconds(300) }));

        Assert.StartsWith("The browser did not come back within", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(host.TokenPath));
    }

    [Fact]
    public async Task No_browser_prints_the_sign_in_url_and_opens_nothing()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            AutoApproveDeviceCodes = true,
        });
        var browser = new IdleBrowser();

        await host.LoginAsync(LoginMethod.DeviceCode, browser, settings => settings with { OpenBrowser = false });

        Assert.Equal(0, browser.Opened);
        Assert.Contains(host.Service.BaseAddress + "verify?user_code=", host.Output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LoginMethod.DeviceCode)]
    [InlineData(LoginMethod.AuthorizationCode)]
    public async Task A_second_login_reuses_the_cached_registration_until_it_nears_expiry(LoginMethod method)
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync(clock => new LocalSsoOidcServiceOptions
        {
            TimeProvider = clock,
            ClientSecretLifetime = TimeSpan.FromDays(1),
        });
        static LoginSettings Fresh(LoginSettings settings) => settings with { UseCachedToken = false };

        LoginResult first = await host.LoginAsync(method, adjust: Fresh);
        LoginResult second = await host.LoginAsync(method, adjust: Fresh);
        host.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(10));
        LoginResult third = await host.LoginAsync(method, adjust: Fresh);

        Assert.Equal(2, host.RequestsTo("/client/register").Length);
        Assert.Equal(first.Token.ClientId, second.Token.ClientId);
        Assert.NotEqual(first.Token.ClientId, third.Token.ClientId);
        Assert.Contains("Reusing the client registration", host.Output.ToString(), StringComparison.Ordinal);
        string key = RegistrationCache.Key(LoginTestHost.StartUrl, LoginTestHost.Region, null, null);
        CachedRegistration cached = Assert.IsType<CachedRegistration>(new RegistrationCache(host.CacheDirectory).Read(key));
        Assert.Equal(third.Token.ClientId, cached.ClientId);
    }

    [Fact]
    public async Task A_cached_registration_the_service_no_longer_accepts_is_replaced()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        var registrations = new RegistrationCache(host.CacheDirectory);
        string key = RegistrationCache.Key(LoginTestHost.StartUrl, LoginTestHost.Region, null, null);
        registrations.Write(key, new CachedRegistration { ClientId = "revoked-client", ClientSecret = "revoked-secret", ExpiresAt = host.Clock.GetUtcNow().AddDays(30) });

        LoginResult result = await host.LoginAsync(LoginMethod.DeviceCode);

        Assert.Equal(LoginOutcome.SignedIn, result.Outcome);
        Assert.Equal(["/device_authorization", "/client/register", "/device_authorization", "/token"], host.Service.Requests.Select(r => r.Path));
        Assert.NotEqual("revoked-client", registrations.Read(key)!.ClientId);
    }

    [Fact]
    public async Task A_valid_cached_token_ends_the_login_without_calling_the_service()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        LoginResult first = await host.LoginAsync(LoginMethod.DeviceCode);
        int requests = host.Service.Requests.Count;
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        LoginResult second = await host.LoginAsync(LoginMethod.DeviceCode);

        Assert.Equal(LoginOutcome.CachedTokenStillValid, second.Outcome);
        Assert.Equal(first.Token.AccessToken, second.Token.AccessToken);
        Assert.Equal(requests, host.Service.Requests.Count);
    }

    [Fact]
    public async Task A_token_near_expiry_is_refreshed_with_the_refresh_token_and_the_cache_rewritten()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        LoginResult first = await host.LoginAsync(LoginMethod.DeviceCode);
        host.Clock.Advance(TimeSpan.FromMinutes(50));

        LoginResult second = await host.LoginAsync(LoginMethod.DeviceCode);

        Assert.Equal(LoginOutcome.Refreshed, second.Outcome);
        JsonElement refresh = JsonDocument.Parse(host.RequestsTo("/token").Last().BodyText).RootElement;
        Assert.Equal("refresh_token", refresh.GetProperty("grantType").GetString());
        Assert.Equal(first.Token.RefreshToken, refresh.GetProperty("refreshToken").GetString());
        CachedToken cached = host.Tokens.Read(LoginTestHost.StartUrl)!;
        Assert.NotEqual(first.Token.AccessToken, cached.AccessToken);
        Assert.NotEqual(first.Token.RefreshToken, cached.RefreshToken);
        Assert.Equal(host.Clock.GetUtcNow().AddHours(1), cached.ExpiresAt);
        Assert.Equal(first.Token.ClientId, cached.ClientId);
        Assert.Single(host.RequestsTo("/client/register"));
    }

    [Fact]
    public async Task An_expired_token_with_a_rejected_refresh_token_falls_back_to_a_new_sign_in()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        LoginResult first = await host.LoginAsync(LoginMethod.DeviceCode);
        host.Tokens.Write(new CachedToken
        {
            StartUrl = first.Token.StartUrl,
            Region = first.Token.Region,
            AccessToken = first.Token.AccessToken,
            ExpiresAt = host.Clock.GetUtcNow().AddMinutes(-1),
            ClientId = first.Token.ClientId,
            ClientSecret = first.Token.ClientSecret,
            RegistrationExpiresAt = first.Token.RegistrationExpiresAt,
            RefreshToken = "not-a-refresh-token",
        });

        LoginResult second = await host.LoginAsync(LoginMethod.DeviceCode);

        Assert.Equal(LoginOutcome.SignedIn, second.Outcome);
        Assert.Contains("The refresh token was not accepted (InvalidGrantException); signing in again.", host.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal(second.Token.AccessToken, host.Tokens.Read(LoginTestHost.StartUrl)!.AccessToken);
    }

    [Fact]
    public async Task The_output_of_every_flow_never_shows_a_token_a_secret_or_a_code()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        LoginResult device = await host.LoginAsync(LoginMethod.DeviceCode);
        host.Clock.Advance(TimeSpan.FromMinutes(50));
        LoginResult refreshed = await host.LoginAsync(LoginMethod.DeviceCode);
        LoginResult pkce = await host.LoginAsync(LoginMethod.AuthorizationCode, adjust: settings => settings with { UseCachedToken = false });

        string output = host.Output.ToString();
        string[] secrets =
        [
            device.Token.AccessToken, device.Token.RefreshToken!, device.Token.ClientSecret!,
            refreshed.Token.AccessToken, refreshed.Token.RefreshToken!,
            pkce.Token.AccessToken, pkce.Token.RefreshToken!, pkce.Token.ClientSecret!,
            .. host.Service.Requests.SelectMany(SecretsSent),
        ];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, output, StringComparison.Ordinal));
        Assert.DoesNotContain(device.Token.AccessToken, device.Token.ToString(), StringComparison.Ordinal);

        static string[] SecretsSent(RecordedRequest request)
        {
            if (request.Method != "POST" || request.Body.IsEmpty)
            {
                return [];
            }

            JsonElement body = JsonDocument.Parse(request.BodyText).RootElement;
            return [.. new[] { "deviceCode", "codeVerifier", "code", "clientSecret", "refreshToken" }
                .Where(name => body.TryGetProperty(name, out _))
                .Select(name => body.GetProperty(name).GetString()!)];
        }
    }

    [Fact]
    public async Task A_login_canceled_midway_leaves_the_existing_cache_byte_for_byte()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        await host.LoginAsync(LoginMethod.DeviceCode);
        host.Clock.Advance(TimeSpan.FromHours(2));
        var before = host.SnapshotCache();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        host.Clock.BeforeTimerFires = (number, _) =>
        {
            if (number == 2)
            {
                cancel.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.Flow(LoginMethod.DeviceCode, new IdleBrowser(), settings => settings with { UseCachedToken = false }).RunAsync(cancel.Token));

        Assert.Equal(before.Keys.Order(), host.SnapshotCache().Keys.Order());
        Assert.All(before, file => Assert.Equal(file.Value, host.SnapshotCache()[file.Key]));
    }

    internal static void ApproveBeforeTimer(LoginTestHost host, int timer) =>
        host.Clock.BeforeTimerFires = (number, _) =>
        {
            if (number == timer)
            {
                string userCode = HttpUtility.ParseQueryString(new Uri(UserCodeUrl(host)).Query)["user_code"]!;
                host.Service.ApproveUserCode(userCode);
            }
        };

    private static string UserCodeUrl(LoginTestHost host)
    {
        string output = host.Output.ToString();
        int start = output.LastIndexOf(host.Service.BaseAddress + "verify?user_code=", StringComparison.Ordinal);
        Assert.True(start >= 0, "The flow printed no verification URL.");
        int end = output.IndexOfAny(['\r', '\n'], start);
        return output[start..end];
    }

    /// <summary>Comes back to the redirect URI with a code and a state of its own making.</summary>
    private sealed class ForgedCallbackBrowser : IBrowser
    {
        public async Task<bool> TryOpenAsync(Uri url, CancellationToken cancellationToken)
        {
            string redirectUri = HttpUtility.ParseQueryString(url.Query)["redirect_uri"]!;
            using var http = new System.Net.Http.HttpClient();
            using var response = await http.GetAsync(redirectUri + "?code=stolen&state=not-yours", cancellationToken);
            return true;
        }
    }
}
