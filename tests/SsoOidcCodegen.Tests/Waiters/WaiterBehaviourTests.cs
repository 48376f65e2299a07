namespace SsoOidcCodegen.Tests.Waiters;

using System.Linq;
using System.Net;
using System.Threading.Tasks;
using SsoOidcCodegen.Tests.Client;
using Xunit;

/// <summary>
/// The generated waiters of <see cref="WidgetsService"/> against scripted responses: each acceptor
/// matcher (path, pathAll, pathAny, status, error with a code, true and false), the order of
/// acceptors, unexpected errors, attempts running out, and the JMESPath functions and filters.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class WaiterBehaviourTests
{
    private static string Widget(string status, string parts = "[]", string name = "w") =>
        "{\"Widget\":{\"Status\":\"" + status + "\",\"Name\":\"" + name + "\",\"Parts\":" + parts + "}}";

    [Fact]
    public async Task Path_matcher_retries_until_the_status_is_reached_then_succeeds()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("PENDING")), WidgetsService.Ok(Widget("PENDING")), WidgetsService.Ok(Widget("READY")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetReady", 10);

        Assert.Equal("success attempts=3 response=some error=none", outcome);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Contains("\"WidgetId\":\"w-1\"", r.BodyText, System.StringComparison.Ordinal));
        Assert.All(handler.Requests, r => Assert.Equal("Widgets.DescribeWidget", r.Headers["X-Amz-Target"]));
    }

    [Fact]
    public async Task Path_matcher_with_failure_state_throws_WaiterFailedException()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("PENDING")), WidgetsService.Ok(Widget("BROKEN")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetReady", 10);

        Assert.StartsWith("failure attempts=2 error=none reason=the acceptor 'path Widget.Status == \"BROKEN\"' reached failure", outcome, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_matcher_with_retry_state_keeps_waiting()
    {
        var handler = new ScriptedHandler(WidgetsService.Error(HttpStatusCode.BadRequest, "ResourceNotFoundException"), WidgetsService.Ok(Widget("READY")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetReady", 10);

        Assert.Equal("success attempts=2 response=some error=none", outcome);
    }

    [Fact]
    public async Task An_error_no_acceptor_expects_ends_the_wait_with_that_error_inside()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("PENDING")), WidgetsService.Error(HttpStatusCode.BadRequest, "ValidationException"));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetReady", 10);

        Assert.StartsWith("failure attempts=2 error=ValidationException reason=the service answered ValidationException", outcome, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_out_of_attempts_throws_WaiterTimeoutException_after_exactly_max_attempts()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("PENDING")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetReady", 3);

        Assert.Equal("timeout attempts=3", outcome);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task PathAll_succeeds_only_when_every_element_matches()
    {
        var handler = new ScriptedHandler(
            WidgetsService.Ok(Widget("READY", "[{\"State\":\"DONE\"},{\"State\":\"RUNNING\"}]")),
            WidgetsService.Ok(Widget("READY", "[{\"State\":\"DONE\"},{\"State\":\"DONE\"}]")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "PartsDone", 10);

        Assert.Equal("success attempts=2 response=some error=none", outcome);
    }

    [Fact]
    public async Task PathAll_never_matches_an_empty_list()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("READY", "[]")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "PartsDone", 2);

        Assert.Equal("timeout attempts=2", outcome);
    }

    [Fact]
    public async Task PathAny_failure_wins_because_it_comes_first()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("READY", "[{\"State\":\"DONE\"},{\"State\":\"FAILED\"}]")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "PartsDone", 10);

        Assert.StartsWith("failure attempts=1 error=none reason=the acceptor 'pathAny Widget.Parts[].State == \"FAILED\"'", outcome, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_matcher_retries_on_200_and_error_matcher_succeeds_on_the_error()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("READY")), WidgetsService.Error(HttpStatusCode.BadRequest, "ResourceNotFoundException"));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetGone", 10);

        Assert.Equal("success attempts=2 response=none error=ResourceNotFoundException", outcome);
    }

    [Fact]
    public async Task Status_matcher_matches_the_status_of_an_error_response()
    {
        var handler = new ScriptedHandler(WidgetsService.Error(HttpStatusCode.Gone, "Gone"));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetGone", 10);

        Assert.Equal("success attempts=1 response=none error=Gone", outcome);
    }

    [Fact]
    public async Task Error_matcher_false_succeeds_on_the_first_successful_answer()
    {
        var handler = new ScriptedHandler(WidgetsService.Error(HttpStatusCode.BadRequest, "ResourceNotFoundException"), WidgetsService.Ok(Widget("PENDING")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetExists", 10);

        Assert.Equal("success attempts=2 response=some error=none", outcome);
    }

    [Fact]
    public async Task Error_matcher_true_succeeds_on_any_error()
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("READY")), WidgetsService.Error(HttpStatusCode.Forbidden, "AccessDeniedException"));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "WidgetAnyError", 10);

        Assert.Equal("success attempts=2 response=none error=AccessDeniedException", outcome);
    }

    [Fact]
    public async Task Filter_comparison_negation_and_length_decide_success()
    {
        // Sizes 3 and 5 pass the filter only when their state is not SKIP: the first answer has one, the second two.
        var handler = new ScriptedHandler(
            WidgetsService.Ok(Widget("READY", "[{\"State\":\"A\",\"Size\":1},{\"State\":\"SKIP\",\"Size\":3},{\"State\":\"A\",\"Size\":5}]")),
            WidgetsService.Ok(Widget("READY", "[{\"State\":\"A\",\"Size\":1},{\"State\":\"A\",\"Size\":3},{\"State\":\"A\",\"Size\":5}]")));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "BigParts", 10);

        Assert.Equal("success attempts=2 response=some error=none", outcome);
    }

    [Theory]
    [InlineData("[{\"State\":\"BAD\",\"Size\":1}]", "w")]
    [InlineData("[]", "broken")]
    public async Task Contains_and_or_with_a_literal_decide_failure(string parts, string name)
    {
        var handler = new ScriptedHandler(WidgetsService.Ok(Widget("READY", parts, name)));

        string outcome = await WidgetsService.RunAsync("Wait", handler, "BigParts", 10);

        Assert.StartsWith("failure attempts=1 error=none", outcome, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_waiter_methods_are_on_the_interface_with_the_models_defaults_in_their_docs()
    {
        var run = WidgetsService.Generate();
        string iface = run.Sources.Single(s => s.HintName.EndsWith(".IWidgetsClient.Waiters.g.cs", System.StringComparison.Ordinal)).SourceText.ToString();

        Assert.Contains("WaiterResult<global::Test.Widgets.Model.DescribeWidgetOutput>> WaitUntilWidgetReadyAsync(global::Test.Widgets.Model.DescribeWidgetInput request, global::SsoOidcCodegen.Runtime.Waiters.WaiterOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default);", iface, System.StringComparison.Ordinal);
        Assert.Contains("every 7 s or more (jittered backoff), at most 4 times", iface, System.StringComparison.Ordinal);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(iface, @"\bWaitUntil\w+Async\(").Count);
    }
}
