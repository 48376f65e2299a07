namespace SsoOidcCodegen.Tests.Client;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Auth;
using SsoOidcCodegen.Runtime.Retry;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using Xunit;

/// <summary>The generated SSO OIDC client through the runtime pipeline: retries, timeouts, validation, errors.</summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class ClientPipelineTests
{
    private const string TokenJson = "{\"accessToken\":\"at\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}";

    private static CreateTokenRequest TokenRequest() => new()
    {
        ClientId = "client",
        ClientSecret = "secret",
        GrantType = "urn:ietf:params:oauth:grant-type:device_code",
        DeviceCode = "device",
    };

    private static (SsoOidcClient Client, ScriptedHandler Handler, InstantTimeProvider Clock) Create(
        Action<AwsClientOptions>? configure, params Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>>[] script)
    {
        var handler = new ScriptedHandler(script);
        var clock = new InstantTimeProvider();
        var options = new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            HttpClient = new HttpClient(handler),
            TimeProvider = clock,
            RetryRandom = () => 0.5,
            Credentials = new StaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        };
        configure?.Invoke(options);
        return (new SsoOidcClient(options), handler, clock);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_standard_backoff_and_the_call_succeeds()
    {
        var (client, handler, clock) = Create(null,
            ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable, "{}"),
            ScriptedHandler.Answer(HttpStatusCode.InternalServerError, "{\"error\":\"server_error\"}", ("x-amzn-ErrorType", "InternalServerException")),
            ScriptedHandler.Answer(HttpStatusCode.OK, TokenJson));

        CreateTokenResponse response = await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        Assert.Equal("Bearer", response.TokenType);
        SeenRequest[] requests = handler.Requests.ToArray();
        Assert.Equal(new[] { "attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3" }, requests.Select(r => r.Headers["amz-sdk-request"]));
        Assert.Single(requests.Select(r => r.Headers["amz-sdk-invocation-id"]).Distinct());
        Assert.Equal(new[] { TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1) }, clock.Delays.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(1.5), clock.GetUtcNow() - clock.Start);
        Assert.All(requests, r => Assert.Equal(requests[0].BodyText, r.BodyText));
        Assert.Equal(500 - 5 - 5 + 5, client.RetryStrategyForTests().Quota.AvailableTokens);
    }

    [Fact]
    public async Task A_4xx_error_is_not_retried_and_surfaces_as_the_modelled_exception()
    {
        var (client, handler, _) = Create(null, ScriptedHandler.Answer(
            HttpStatusCode.BadRequest,
            "{\"error\":\"authorization_pending\",\"error_description\":\"Authorization is still pending\"}",
            ("x-amzn-ErrorType", "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.ssooidc/"),
            ("x-amzn-RequestId", "req-1")));

        var error = await Assert.ThrowsAsync<AuthorizationPendingException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Single(handler.Requests);
        Assert.Equal("AuthorizationPendingException", error.ErrorCode);
        Assert.Equal("authorization_pending", error.Error);
        Assert.Equal("Authorization is still pending", error.ErrorDescription);
        Assert.Equal("Authorization is still pending", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public async Task Retries_stop_after_max_attempts_with_the_last_typed_exception()
    {
        var (client, handler, _) = Create(o => o.Retry = new RetryOptions { MaxAttempts = 4 },
            ScriptedHandler.Answer(HttpStatusCode.InternalServerError, "{\"error\":\"server_error\",\"error_description\":\"boom\"}", ("x-amzn-ErrorType", "InternalServerException")));

        var error = await Assert.ThrowsAsync<InternalServerException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task Connection_failures_are_retried_then_reported_as_a_transport_exception()
    {
        var (client, handler, _) = Create(null, ScriptedHandler.Drop());

        var error = await Assert.ThrowsAsync<AwsTransportException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(3, error.Attempts);
        Assert.Equal("CreateToken", error.Operation);
    }

    [Fact]
    public async Task A_non_json_error_body_gives_the_service_exception_with_status_and_kind_but_never_quotes_the_body()
    {
        const string Page = "<html><body>Bad gateway from the proxy</body></html>";
        var (client, _, _) = Create(o => o.Retry = new RetryOptions { MaxAttempts = 1 },
            (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(Page, System.Text.Encoding.UTF8, "text/html") }));

        var error = await Assert.ThrowsAsync<SsoOidcException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Page.Length} bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_error_body_gives_the_service_exception_with_the_status()
    {
        var (client, _, _) = Create(o => o.Retry = new RetryOptions { MaxAttempts = 1 },
            (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)));

        var error = await Assert.ThrowsAsync<SsoOidcException>(() => client.RegisterClientAsync(new RegisterClientRequest { ClientName = "n", ClientType = "public" }, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("empty body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unmodelled_error_code_gives_the_service_base_exception_with_its_code()
    {
        var (client, _, _) = Create(null, ScriptedHandler.Answer(HttpStatusCode.BadRequest, "{\"__type\":\"com.amazon#BrandNewException\",\"message\":\"new\"}"));

        var error = await Assert.ThrowsAsync<SsoOidcException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Equal("BrandNewException", error.ErrorCode);
        Assert.Equal("new", error.Message);
    }

    [Fact]
    public async Task Missing_required_members_fail_validation_naming_operation_member_and_rule_and_nothing_is_sent()
    {
        var (client, handler, _) = Create(null, ScriptedHandler.Answer(HttpStatusCode.OK, TokenJson));

        var error = await Assert.ThrowsAsync<AwsValidationException>(() => client.CreateTokenAsync(new CreateTokenRequest { ClientId = "c" }, TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
        Assert.Equal("CreateToken", error.Operation);
        Assert.Contains("clientSecret: is required", error.Problems);
        Assert.Contains("grantType: is required", error.Problems);
        Assert.StartsWith("CreateToken request is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_call_is_validated_on_its_own_whatever_the_thread_validated_before()
    {
        // The pipeline keeps a validation context that found nothing for the thread's next call: a valid call, an
        // invalid one of another operation and a valid one again must each see only their own problems.
        var (client, handler, _) = Create(null, ScriptedHandler.Answer(HttpStatusCode.OK, TokenJson));
        CancellationToken token = TestContext.Current.CancellationToken;

        await client.CreateTokenAsync(TokenRequest(), token);
        var first = await Assert.ThrowsAsync<AwsValidationException>(() => client.RegisterClientAsync(new RegisterClientRequest { ClientName = "n" }, token));
        var second = await Assert.ThrowsAsync<AwsValidationException>(() => client.CreateTokenAsync(new CreateTokenRequest { ClientId = "c", ClientSecret = "s" }, token));
        await client.CreateTokenAsync(TokenRequest(), token);

        Assert.Equal("RegisterClient", first.Operation);
        Assert.Equal(new[] { "clientType: is required" }, first.Problems);
        Assert.Equal("CreateToken", second.Operation);
        Assert.Equal(new[] { "grantType: is required" }, second.Problems);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Validation_can_be_switched_off()
    {
        var (client, handler, _) = Create(o => o.ValidateRequests = false, ScriptedHandler.Answer(HttpStatusCode.OK, TokenJson));

        await client.CreateTokenAsync(new CreateTokenRequest { ClientId = "c" }, TestContext.Current.CancellationToken);

        Assert.Equal("{\"clientId\":\"c\"}", Assert.Single(handler.Requests).BodyText);
    }

    [Fact]
    public async Task An_attempt_timeout_is_retried_and_then_surfaces_as_a_timeout_not_a_cancellation()
    {
        var (client, handler, _) = Create(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(50);
            o.TimeProvider = TimeProvider.System;
            o.Retry = new RetryOptions { MaxAttempts = 2, Backoff = _ => TimeSpan.Zero };
        }, ScriptedHandler.Hang());

        var error = await Assert.ThrowsAsync<AwsTimeoutException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(2, error.Attempts);
    }

    [Fact]
    public async Task The_overall_timeout_ends_the_call_with_a_timeout_exception()
    {
        var (client, _, _) = Create(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(100);
            o.TimeProvider = TimeProvider.System;
        }, ScriptedHandler.Hang());

        await Assert.ThrowsAsync<AwsTimeoutException>(() => client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_timeout()
    {
        var (client, handler, _) = Create(o => o.TimeProvider = TimeProvider.System, ScriptedHandler.Hang());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Exception error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CreateTokenAsync(TokenRequest(), cancellation.Token));

        Assert.IsNotType<AwsTimeoutException>(error);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task NoAuth_operations_send_no_authorization_and_need_no_credentials()
    {
        var (client, handler, _) = Create(o => o.Credentials = new ThrowingCredentials(), ScriptedHandler.Answer(HttpStatusCode.OK, TokenJson));

        await client.CreateTokenAsync(TokenRequest(), TestContext.Current.CancellationToken);

        SeenRequest request = Assert.Single(handler.Requests);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("X-Amz-Date"));
    }

    [Fact]
    public async Task SigV4_operations_are_signed_with_the_model_signing_name()
    {
        var (client, handler, _) = Create(null, ScriptedHandler.Answer(HttpStatusCode.OK, "{\"accessToken\":\"at\"}"));

        await client.CreateTokenWithIAMAsync(new CreateTokenWithIAMRequest { ClientId = "arn:aws:sso::123456789012:application/x/y", GrantType = "authorization_code", Code = "c" }, TestContext.Current.CancellationToken);

        SeenRequest request = Assert.Single(handler.Requests);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/us-east-1/sso-oauth/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("/token?aws_iam=t", request.Uri.PathAndQuery);
        Assert.True(request.Headers.ContainsKey("X-Amz-Content-SHA256"));
    }

    [Fact]
    public void Endpoints_come_from_the_rule_set_for_a_region()
    {
        using var client = new SsoOidcClient(new AwsClientOptions { Region = "eu-west-1" });
        Assert.Equal(new Uri("https://oidc.eu-west-1.amazonaws.com"), client.Endpoint);
        using var fips = new SsoOidcClient(new AwsClientOptions { Region = "us-east-1", UseFips = true });
        Assert.Equal("oidc-fips.us-east-1.amazonaws.com", fips.Endpoint.Host);
    }

    [Fact]
    public void A_client_without_region_or_endpoint_says_how_to_set_one()
    {
        using var client = new SsoOidcClient(new AwsClientOptions { Region = null, Profile = "no-such-profile-" + Guid.NewGuid() });
        if (RegionResolver.Resolve(null) is not null)
        {
            Assert.Skip("AWS_REGION or AWS_DEFAULT_REGION is set in this environment.");
        }

        var error = Assert.Throws<InvalidOperationException>(() => client.Endpoint);
        Assert.Contains("AwsClientOptions.Region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_are_rejected_naming_the_option()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SsoOidcClient(new AwsClientOptions { AttemptTimeout = TimeSpan.Zero }));
        Assert.Equal("AttemptTimeout", error.ParamName);
    }

    [Fact]
    public async Task The_service_collection_extension_registers_a_working_client()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Answer(HttpStatusCode.OK, "{\"clientId\":\"from-di\"}"));
        var services = new ServiceCollection();
        services.AddSsoOidcClient(o => o.ServiceUrl = new Uri("http://127.0.0.1:1")).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using ServiceProvider provider = services.BuildServiceProvider();

        ISsoOidcClient client = provider.GetRequiredService<ISsoOidcClient>();
        RegisterClientResponse response = await client.RegisterClientAsync(new RegisterClientRequest { ClientName = "n", ClientType = "public" }, TestContext.Current.CancellationToken);

        Assert.Equal("from-di", response.ClientId);
        Assert.Same(client, provider.GetRequiredService<ISsoOidcClient>());
    }

    private sealed class ThrowingCredentials : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("credentials must not be asked for");
    }
}

/// <summary>Test access to the client's retry quota.</summary>
internal static class ClientTestAccess
{
    public static StandardRetryStrategy RetryStrategyForTests(this SsoOidcClient client) =>
        (StandardRetryStrategy)typeof(SsoOidcCodegen.Runtime.AwsClient)
            .GetProperty("RetryStrategy", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetValue(client)!;
}
