namespace SsoOidcCodegen.Tests.Waiters;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime;
using SsoOidcCodegen.Runtime.Waiters;
using Xunit;
using SsoOidcCodegen.Tests.Infrastructure;

/// <summary>
/// The waiter's delays follow the Smithy waiter retry rules: drawn between the minimum and
/// <c>min × 2^(attempt−1)</c> up to the attempt ceiling, then up to the maximum; shortened to fit
/// the maximum wait time; the model's defaults apply unless the options override them.
/// </summary>
[Trait("Category", TestCategories.Runtime)]
public sealed class WaiterBackoffTests
{
    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, 4.0)]
    [InlineData(3, 8.0)]
    [InlineData(6, 64.0)]
    [InlineData(7, 120.0)]
    [InlineData(30, 120.0)]
    public void The_upper_bound_doubles_from_the_minimum_until_the_attempt_ceiling_then_is_the_maximum(int attempt, double bound)
    {
        TimeSpan? highest = AwsWaiter.NextDelay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(120), null, new FixedRandom(1.0));
        TimeSpan? lowest = AwsWaiter.NextDelay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(120), null, new FixedRandom(0.0));

        Assert.Equal(bound, highest!.Value.TotalSeconds, 6);
        Assert.Equal(2.0, lowest!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void Delays_are_jittered_within_their_bounds()
    {
        var random = new Random(1234);
        var seen = new HashSet<double>();
        for (int i = 0; i < 200; i++)
        {
            double delay = AwsWaiter.NextDelay(3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(120), null, random)!.Value.TotalSeconds;
            Assert.InRange(delay, 5.0, 20.0);
            seen.Add(Math.Round(delay, 3));
        }

        Assert.True(seen.Count > 50, "the delays should spread over the range");
    }

    [Fact]
    public void The_delay_is_shortened_so_the_last_attempt_fits_in_the_remaining_time_and_none_when_too_little_remains()
    {
        Assert.Equal(8.0, AwsWaiter.NextDelay(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(10), new FixedRandom(1.0))!.Value.TotalSeconds, 6);
        Assert.Null(AwsWaiter.NextDelay(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1), new FixedRandom(1.0)));
    }

    [Fact]
    public async Task The_model_delay_is_the_minimum_and_options_override_it()
    {
        var clock = TestClocks.Jumping();
        int calls = 0;
        WaiterResult<string> result = await AwsWaiter.WaitAsync<string>(
            "Test",
            _ => Task.FromResult(new WaiterResponse<string>((++calls).ToString(System.Globalization.CultureInfo.InvariantCulture), 200)),
            (response, _) => response?.Response == "4" ? new WaiterMatch(WaiterState.Success, "done") : null,
            TimeSpan.FromSeconds(7),
            10,
            new WaiterOptions { TimeProvider = clock, Random = new FixedRandom(0.0) },
            CancellationToken.None);

        Assert.Equal(4, result.Attempts);
        Assert.Equal(new[] { 7.0, 7.0, 7.0 }, clock.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(21), result.Elapsed);

        var fast = TestClocks.Jumping();
        calls = 0;
        await AwsWaiter.WaitAsync<string>(
            "Test",
            _ => Task.FromResult(new WaiterResponse<string>((++calls).ToString(System.Globalization.CultureInfo.InvariantCulture), 200)),
            (response, _) => response?.Response == "3" ? new WaiterMatch(WaiterState.Success, "done") : null,
            TimeSpan.FromSeconds(7),
            10,
            new WaiterOptions { TimeProvider = fast, Random = new FixedRandom(1.0), MinDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) },
            CancellationToken.None);

        Assert.Equal(new[] { 1.0, 2.0 }, fast.Delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task MaxWaitTime_ends_the_wait_with_WaiterTimeoutException()
    {
        var clock = TestClocks.Jumping();
        var timeout = await Assert.ThrowsAsync<WaiterTimeoutException>(() => AwsWaiter.WaitAsync<string>(
            "Slow",
            _ => Task.FromResult(new WaiterResponse<string>("pending", 200)),
            (_, _) => new WaiterMatch(WaiterState.Retry, "pending"),
            TimeSpan.FromSeconds(10),
            100,
            new WaiterOptions { TimeProvider = clock, Random = new FixedRandom(1.0), MaxWaitTime = TimeSpan.FromSeconds(60) },
            CancellationToken.None));

        Assert.Equal("Slow", timeout.WaiterName);
        Assert.True(timeout.Elapsed <= TimeSpan.FromSeconds(60), timeout.Elapsed.ToString());
        Assert.True(timeout.Attempts is >= 3 and < 10, timeout.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Cancellation_stops_the_wait()
    {
        using var cancellation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AwsWaiter.WaitAsync<string>(
            "Cancelled",
            _ =>
            {
                cancellation.Cancel();
                return Task.FromResult(new WaiterResponse<string>("pending", 200));
            },
            (_, _) => null,
            TimeSpan.FromSeconds(1),
            5,
            null,
            cancellation.Token));
    }

    [Fact]
    public async Task A_failure_acceptor_on_an_error_keeps_the_error_inside()
    {
        var error = new AwsServiceException("gone", "Gone", HttpStatusCode.Gone, "req-1");
        var failed = await Assert.ThrowsAsync<WaiterFailedException>(() => AwsWaiter.WaitAsync<string>(
            "Failing",
            _ => Task.FromException<WaiterResponse<string>>(error),
            (_, e) => e is not null ? new WaiterMatch(WaiterState.Failure, "error Gone") : null,
            TimeSpan.Zero,
            3,
            null,
            CancellationToken.None));

        Assert.Same(error, failed.InnerException);
        Assert.Equal(1, failed.Attempts);
        Assert.IsNotType<WaiterTimeoutException>(failed);
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
