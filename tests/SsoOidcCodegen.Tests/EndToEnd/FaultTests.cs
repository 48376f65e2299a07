namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using SsoLogin.Caching;
using SsoLogin.Flow;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.SsoOidc;
using SsoOidcCodegen.SsoOidc.Model;
using SsoOidcCodegen.Tests.LocalService;
using Xunit;

/// <summary>
/// Our client against injected faults: it retries what the AWS standard mode retries, gives up
/// with a typed exception after the maximum attempts, and never lets a malformed body escape as a
/// JSON exception; a login that fails midway leaves the token cache as it was.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class FaultTests
{
    private static RegisterClientRequest Registration() => new() { ClientName = "fault-test", ClientType = "public", Scopes = ["sso:account:access"] };

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_burst_of_transient_errors_shorter_than_the_attempt_limit_is_retried_to_success(int status)
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").RespondWithStatus(status, times: 2);

        RegisterClientResponse response = await host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken);

        Assert.NotNull(response.ClientId);
        Assert.Equal(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"], host.Service.Requests.Select(r => r.Headers["amz-sdk-request"]));
        Assert.Single(host.Service.Requests.Select(r => r.Headers["amz-sdk-invocation-id"]).Distinct());
    }

    [Fact]
    public async Task Throttling_429s_are_retried_to_success()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").Throttle(ThrottleStyle.TooManyRequests, times: 2);

        RegisterClientResponse response = await host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken);

        Assert.NotNull(response.ClientId);
        Assert.Equal(3, host.Service.Requests.Count);
    }

    [Fact]
    public async Task Dropped_connections_are_retried_to_success()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").DropConnection(times: 2);

        RegisterClientResponse response = await host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken);

        Assert.NotNull(response.ClientId);
        Assert.Equal([FaultKind.DropConnection, FaultKind.DropConnection, null], host.Service.Requests.Select(r => r.Fault));
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried_and_the_next_one_succeeds()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").Delay(TimeSpan.FromSeconds(10));
        using SsoOidcClient client = LoginTestHost.CreateClient(host.Service, host.Clock, options => options.AttemptTimeout = TimeSpan.FromMilliseconds(500));

        RegisterClientResponse response = await client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken);

        Assert.NotNull(response.ClientId);
        Assert.Equal(2, host.Service.Requests.Count);
    }

    [Fact]
    public async Task Five_hundreds_on_every_attempt_end_in_InternalServerException_after_three_attempts()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").RespondWithStatus(500, times: 10);

        var error = await Assert.ThrowsAsync<InternalServerException>(() => host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("InternalServerException", error.ErrorCode);
        Assert.Equal("server_error", error.Error);
        Assert.Equal(3, host.Service.Requests.Count);
    }

    [Fact]
    public async Task Unmodelled_503s_on_every_attempt_end_in_the_service_exception_with_the_error_code()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/device_authorization").RespondWithStatus(503, times: 10);

        var error = await Assert.ThrowsAsync<SsoOidcException>(() => host.Client.StartDeviceAuthorizationAsync(
            new StartDeviceAuthorizationRequest { ClientId = "id", ClientSecret = "secret", StartUrl = LoginTestHost.StartUrl },
            TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("ServiceUnavailableException", error.ErrorCode);
        Assert.Equal(3, host.Service.Requests.Count);
    }

    [Fact]
    public async Task A_modelled_SlowDownException_is_not_retried_by_the_client()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").Throttle(ThrottleStyle.SlowDown, times: 10);

        var error = await Assert.ThrowsAsync<SlowDownException>(() => host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken));

        Assert.Equal("slow_down", error.Error);
        Assert.Single(host.Service.Requests);
    }

    [Fact]
    public async Task Connections_dropped_on_every_attempt_end_in_AwsTransportException_after_three_attempts()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").DropConnection(times: 20);

        var error = await Assert.ThrowsAsync<AwsTransportException>(() => host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken));

        Assert.Equal(3, error.Attempts);
        Assert.Equal("RegisterClient", error.Operation);

        // SocketsHttpHandler may resend once on a reused connection, unseen by the client.
        Assert.InRange(host.Service.Requests.Count, 3, 6);
    }

    [Fact]
    public async Task An_unreachable_service_ends_in_AwsTransportException_after_three_attempts()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        var closed = new Uri(host.Service.BaseAddress.ToString());
        await host.Service.DisposeAsync();
        using var client = new SsoOidcClient(new AwsClientOptions { ServiceUrl = closed, Region = "us-east-1", RetryRandom = () => 0 });

        var error = await Assert.ThrowsAsync<AwsTransportException>(() => client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken));

        Assert.Equal(3, error.Attempts);
    }

    [Theory]
    [InlineData(502, 3)]
    [InlineData(400, 1)]
    public async Task An_html_error_page_gives_a_typed_exception_with_the_status_never_a_JSON_exception(int status, int attempts)
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").RespondWithHtmlPage(status, times: 10);

        var error = await Assert.ThrowsAsync<SsoOidcException>(() => host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(string.Empty, error.ErrorCode);
        Assert.StartsWith($"The service answered HTTP {status} with a body that is not JSON (text/html)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html>", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        Assert.Equal(attempts, host.Service.Requests.Count);
    }

    [Fact]
    public async Task An_empty_error_body_gives_a_typed_exception_with_the_status()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").RespondWithEmptyBody(500, times: 10);

        var error = await Assert.ThrowsAsync<SsoOidcException>(() => host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("The service answered HTTP 500 with an empty body.", error.Message);
        Assert.Equal(3, host.Service.Requests.Count);
    }

    [Fact]
    public async Task A_truncated_error_body_still_gives_the_modelled_exception_named_by_the_header()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        RegisterClientResponse client = await host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken);
        StartDeviceAuthorizationResponse device = await host.Client.StartDeviceAuthorizationAsync(
            new StartDeviceAuthorizationRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, StartUrl = LoginTestHost.StartUrl },
            TestContext.Current.CancellationToken);
        host.Service.Faults.For("/token").TruncateBody(keepBytes: 20);

        var error = await Assert.ThrowsAsync<AuthorizationPendingException>(() => host.Client.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = OAuthGrants.DeviceCode, DeviceCode = device.DeviceCode },
            TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.StartsWith("The service answered HTTP 400 with a body that is not JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("authori", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Error);
    }

    [Fact]
    public async Task A_truncated_success_body_gives_AwsUnmarshallingException_with_the_status_never_a_JSON_exception()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        host.Service.Faults.For("/client/register").TruncateBody(times: 10);

        var error = await Assert.ThrowsAsync<AwsUnmarshallingException>(() => host.Client.RegisterClientAsync(Registration(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("RegisterClient", error.Operation);
        Assert.Equal(host.Service.Requests.Single().RequestId, error.RequestId);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.StartsWith("RegisterClient: the service answered HTTP 200, but the body could not be read as the response (", error.Message, StringComparison.Ordinal);

        // The body holds the client secret; the message never quotes it.
        Assert.DoesNotContain("clientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("clientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_that_fails_midway_on_faults_leaves_the_token_cache_byte_for_byte()
    {
        await using LoginTestHost host = await LoginTestHost.StartAsync();
        await host.LoginAsync(LoginMethod.DeviceCode);
        host.Clock.Advance(TimeSpan.FromMinutes(55));
        var before = host.SnapshotCache();

        // The refresh meets 500s, a fresh sign-in meets dropped connections.
        host.Service.Faults.For("/token").RespondWithStatus(500, times: 3);
        await Assert.ThrowsAsync<InternalServerException>(() => host.LoginAsync(LoginMethod.DeviceCode));
        host.Service.Faults.For("/device_authorization").DropConnection(times: 20);
        await Assert.ThrowsAsync<AwsTransportException>(() => host.LoginAsync(LoginMethod.DeviceCode, adjust: settings => settings with { UseCachedToken = false }));

        var after = host.SnapshotCache();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
        CachedToken cached = Assert.IsType<CachedToken>(host.Tokens.Read(LoginTestHost.StartUrl));
        Assert.True(cached.CanRefreshAt(host.Clock.GetUtcNow()));
    }
}
