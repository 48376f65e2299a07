namespace SsoOidcCodegen.Tests.LocalService;

using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using global::SsoOidc.LocalService;
using Xunit;

[Trait("Category", TestCategories.Integration)]
public sealed class FaultInjectionTests
{
    private const string CommonNamespace = "http://internal.amazon.com/coral/com.amazon.coral.service/";

    [Fact]
    public async Task A_503_burst_fails_the_next_requests_then_the_route_answers_normally()
    {
        await using var session = await OidcTestSession.StartAsync();
        RouteFaults faults = session.Service.Faults.For("/client/register").RespondWithStatus(503, times: 2);
        Assert.Equal(2, faults.Pending);

        WireResponse first = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());
        WireResponse second = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());
        WireResponse third = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());

        AwsErrorAssert.IsError(first, 503, "ServiceUnavailableException", "server_error", CommonNamespace);
        AwsErrorAssert.IsError(second, 503, "ServiceUnavailableException", "server_error", CommonNamespace);
        Assert.Equal(200, third.StatusCode);
        Assert.Equal(0, faults.Pending);
    }

    [Fact]
    public async Task A_500_fault_answers_InternalServerException()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").RespondWithStatus(500);

        WireResponse response = await session.PostJsonAsync("/token", "{}");

        AwsErrorAssert.IsError(response, 500, "InternalServerException", "server_error");
    }

    [Fact]
    public async Task Throttling_answers_400_SlowDownException_or_429_ThrottlingException()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/device_authorization").Throttle(ThrottleStyle.SlowDown).Throttle(ThrottleStyle.TooManyRequests);

        WireResponse slowDown = await session.PostJsonAsync("/device_authorization", "{}");
        WireResponse tooMany = await session.PostJsonAsync("/device_authorization", "{}");

        AwsErrorAssert.IsError(slowDown, 400, "SlowDownException", "slow_down");
        AwsErrorAssert.IsError(tooMany, 429, "ThrottlingException", "slow_down", CommonNamespace);
    }

    [Fact]
    public async Task Latency_delays_the_response_which_is_then_handled_normally()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/client/register").Delay(TimeSpan.FromMilliseconds(400));

        var stopwatch = Stopwatch.StartNew();
        WireResponse delayed = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());
        TimeSpan delayedTime = stopwatch.Elapsed;

        Assert.Equal(200, delayed.StatusCode);
        Assert.True(delayedTime >= TimeSpan.FromMilliseconds(390), $"Answered after {delayedTime.TotalMilliseconds} ms.");
        Assert.Equal(FaultKind.Latency, session.Service.Requests.Single().Fault);
    }

    [Fact]
    public async Task Latency_longer_than_the_client_timeout_makes_the_client_time_out()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").Delay(TimeSpan.FromSeconds(30));
        using var impatient = new HttpClient { BaseAddress = session.Service.BaseAddress, Timeout = TimeSpan.FromMilliseconds(200) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostAsync("/token", new StringContent("{}"), TestContext.Current.CancellationToken));

        // The route is usable again at once: the delayed request was abandoned, not queued.
        AwsErrorAssert.IsError(await session.PostJsonAsync("/token", "{}"), 400, "InvalidRequestException", "invalid_request");
    }

    [Fact]
    public async Task Disposing_the_service_cuts_injected_latency_short()
    {
        OidcTestSession session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").Delay(TimeSpan.FromMinutes(5));
        Task<HttpResponseMessage> pending = session.Http.PostAsync("/token", new StringContent("{}"), TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => session.Service.Requests.Count == 1);

        var stopwatch = Stopwatch.StartNew();
        await session.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Disposal took {stopwatch.Elapsed}.");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_request_without_a_response_and_is_still_recorded()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/client/register").DropConnection();

        // The session's client has no pooled connection yet, so the handler cannot silently resend.
        await Assert.ThrowsAsync<HttpRequestException>(() => session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration()));
        WireResponse after = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());

        Assert.Equal(200, after.StatusCode);
        Assert.Equal([FaultKind.DropConnection, null], session.Service.Requests.Select(r => r.Fault).ToArray());
        Assert.Contains("\"clientName\"", session.Service.Requests[0].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_body_is_a_complete_http_response_whose_json_is_cut_short()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/client/register").TruncateBody();

        WireResponse response = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(response.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("Content-Length"));
        Assert.StartsWith("{\"clientId\":\"", response.Text, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(response.Body));
    }

    [Fact]
    public async Task A_truncated_body_keeps_exactly_the_requested_number_of_bytes()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").TruncateBody(keepBytes: 10);

        WireResponse response = await session.PostJsonAsync("/token", "{}");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("{\"error\":\"", response.Text);
    }

    [Fact]
    public async Task An_html_fault_answers_a_proxy_error_page_instead_of_json()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").RespondWithHtmlPage(502);

        WireResponse response = await session.PostJsonAsync("/token", "{}");

        Assert.Equal(502, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Contains("<title>502 Bad Gateway</title>", response.Text, StringComparison.Ordinal);
        Assert.Null(response.ErrorType);
        Assert.True(Guid.TryParse(response.RequestId, out _));
    }

    [Fact]
    public async Task An_html_fault_can_pose_as_a_captive_portal_answering_200()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/client/register").RespondWithHtmlPage(200);

        WireResponse response = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("<html>", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_fault_answers_502_with_no_body_and_no_content_type()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").RespondWithEmptyBody();

        WireResponse response = await session.PostJsonAsync("/token", "{}");

        Assert.Equal(502, response.StatusCode);
        Assert.Empty(response.Body);
        Assert.Null(response.ContentType);
        Assert.Equal("0", response.Header("Content-Length"));
    }

    [Fact]
    public async Task Faults_apply_only_to_their_route()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").RespondWithStatus(500, times: 10);

        WireResponse register = await session.PostJsonAsync("/client/register", OidcTestSession.DeviceClientRegistration());

        Assert.Equal(200, register.StatusCode);
        Assert.Equal(10, session.Service.Faults.For("/token").Pending);
    }

    [Fact]
    public async Task A_route_with_a_query_faults_only_requests_with_that_query()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token?aws_iam=t").RespondWithStatus(500);

        WireResponse plain = await session.PostJsonAsync("/token", "{}");
        WireResponse iam = await session.PostJsonAsync("/token?aws_iam=t", "{}");

        AwsErrorAssert.IsError(plain, 400, "InvalidRequestException", "invalid_request");
        AwsErrorAssert.IsError(iam, 500, "InternalServerException", "server_error");
    }

    [Fact]
    public async Task Queued_faults_are_applied_in_order_one_request_each()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token")
            .RespondWithStatus(500)
            .Throttle(ThrottleStyle.TooManyRequests)
            .RespondWithEmptyBody(504);

        int[] statuses = new int[4];
        for (int i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (await session.PostJsonAsync("/token", "{}")).StatusCode;
        }

        Assert.Equal([500, 429, 504, 400], statuses);
        Assert.Equal(
            [FaultKind.Status, FaultKind.Throttle, FaultKind.EmptyBody, null],
            session.Service.Requests.Select(r => r.Fault).ToArray());
    }

    [Fact]
    public async Task Clearing_faults_removes_the_pending_ones()
    {
        await using var session = await OidcTestSession.StartAsync();
        session.Service.Faults.For("/token").RespondWithStatus(500, times: 3);

        session.Service.Faults.Clear();

        Assert.Equal(0, session.Service.Faults.For("/token").Pending);
        AwsErrorAssert.IsError(await session.PostJsonAsync("/token", "{}"), 400, "InvalidRequestException", "invalid_request");
    }

    [Fact]
    public async Task Fault_routes_must_be_paths()
    {
        await using var session = await OidcTestSession.StartAsync();

        Assert.Throws<ArgumentException>(() => session.Service.Faults.For("token"));
        Assert.Throws<ArgumentOutOfRangeException>(() => session.Service.Faults.For("/token").RespondWithStatus(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => session.Service.Faults.For("/token").DropConnection(times: 0));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), "Timed out waiting for the service.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
