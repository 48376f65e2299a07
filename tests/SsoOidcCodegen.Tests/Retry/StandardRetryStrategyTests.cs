namespace SsoOidcCodegen.Tests.Retry;

using System;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Retry;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class StandardRetryStrategyTests
{
    private static StandardRetryStrategy Strategy(RetryOptions options, double random = 0.5) =>
        new(options, new RetryQuota(options), () => random);

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 1_000)]
    [InlineData(3, 2_000)]
    [InlineData(4, 4_000)]
    [InlineData(5, 8_000)]
    [InlineData(6, 16_000)]
    [InlineData(7, 20_000)]
    [InlineData(9, 20_000)]
    public void Backoff_with_half_jitter_doubles_per_attempt_and_caps_at_20_seconds(int attempt, int expectedMilliseconds)
    {
        var strategy = Strategy(new RetryOptions { MaxAttempts = 10 }, random: 0.5);

        Assert.True(strategy.ShouldRetry(attempt, RetryKind.Transient, out TimeSpan delay, out _));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    [Fact]
    public void Backoff_scales_with_the_random_draw()
    {
        var strategy = Strategy(new RetryOptions { MaxAttempts = 5 }, random: 0.25);

        strategy.ShouldRetry(3, RetryKind.Throttling, out TimeSpan delay, out _);

        Assert.Equal(TimeSpan.FromSeconds(1), delay);
    }

    [Fact]
    public void Backoff_with_a_zero_draw_is_zero_even_for_a_huge_attempt_number()
    {
        var strategy = Strategy(new RetryOptions { MaxAttempts = int.MaxValue }, random: 0.0);

        strategy.ShouldRetry(5_000, RetryKind.Transient, out TimeSpan delay, out _);

        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void Backoff_with_a_tiny_draw_still_reaches_the_cap_when_the_power_overflows()
    {
        // 1e-300 * 2^4999 is far above 20 s even though 2^4999 is not representable as a double.
        var strategy = Strategy(new RetryOptions { MaxAttempts = int.MaxValue }, random: 1e-300);

        strategy.ShouldRetry(5_000, RetryKind.Transient, out TimeSpan delay, out _);

        Assert.Equal(TimeSpan.FromSeconds(20), delay);
    }

    [Fact]
    public void Backoff_caps_at_a_custom_MaxBackoff()
    {
        var strategy = Strategy(new RetryOptions { MaxAttempts = 5, MaxBackoff = TimeSpan.FromSeconds(3) }, random: 0.5);

        strategy.ShouldRetry(4, RetryKind.Transient, out TimeSpan delay, out _);

        Assert.Equal(TimeSpan.FromSeconds(3), delay);
    }

    [Fact]
    public void Custom_backoff_delegate_is_used_and_the_random_source_is_not()
    {
        int randomCalls = 0;
        var options = new RetryOptions { MaxAttempts = 5, Backoff = attempt => TimeSpan.FromMilliseconds(100 * attempt) };
        var strategy = new StandardRetryStrategy(options, new RetryQuota(options), () =>
        {
            randomCalls++;
            return 0.5;
        });

        strategy.ShouldRetry(3, RetryKind.Transient, out TimeSpan delay, out _);

        Assert.Equal(TimeSpan.FromMilliseconds(300), delay);
        Assert.Equal(0, randomCalls);
    }

    [Fact]
    public void Custom_backoff_returning_a_negative_delay_throws()
    {
        var options = new RetryOptions { Backoff = _ => TimeSpan.FromSeconds(-1) };

        Assert.Throws<InvalidOperationException>(() => Strategy(options).ShouldRetry(1, RetryKind.Transient, out _, out _));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Random_source_outside_zero_to_one_throws(double random)
    {
        Assert.Throws<InvalidOperationException>(
            () => Strategy(new RetryOptions(), random).ShouldRetry(1, RetryKind.Transient, out _, out _));
    }

    [Fact]
    public void Default_max_attempts_allows_two_retries_then_stops()
    {
        var strategy = Strategy(new RetryOptions());

        Assert.True(strategy.ShouldRetry(1, RetryKind.Transient, out _, out _));
        Assert.True(strategy.ShouldRetry(2, RetryKind.Transient, out _, out _));
        Assert.False(strategy.ShouldRetry(3, RetryKind.Transient, out TimeSpan delay, out int cost));
        Assert.Equal(TimeSpan.Zero, delay);
        Assert.Equal(0, cost);
    }

    [Fact]
    public void Exhausted_attempts_do_not_charge_the_quota()
    {
        var strategy = Strategy(new RetryOptions { MaxAttempts = 2 });

        strategy.ShouldRetry(2, RetryKind.Timeout, out _, out _);

        Assert.Equal(500, strategy.Quota.AvailableTokens);
    }

    [Fact]
    public void Max_attempts_of_one_never_retries()
    {
        var strategy = Strategy(new RetryOptions { MaxAttempts = 1 });

        Assert.False(strategy.ShouldRetry(1, RetryKind.Throttling, out _, out _));
    }

    [Fact]
    public void Non_retryable_failure_is_not_retried_and_costs_nothing()
    {
        var strategy = Strategy(new RetryOptions());

        Assert.False(strategy.ShouldRetry(1, RetryKind.None, out _, out int cost));

        Assert.Equal(0, cost);
        Assert.Equal(500, strategy.Quota.AvailableTokens);
    }

    [Theory]
    [InlineData(RetryKind.Transient, 5)]
    [InlineData(RetryKind.Throttling, 5)]
    [InlineData(RetryKind.Timeout, 10)]
    public void Retry_charges_the_quota_by_kind(RetryKind kind, int expectedCost)
    {
        var strategy = Strategy(new RetryOptions());

        Assert.True(strategy.ShouldRetry(1, kind, out _, out int cost));

        Assert.Equal(expectedCost, cost);
        Assert.Equal(500 - expectedCost, strategy.Quota.AvailableTokens);
    }

    [Fact]
    public void Empty_quota_refuses_a_retry_that_attempts_would_allow()
    {
        var strategy = Strategy(new RetryOptions { MaxAttempts = 10, InitialRetryTokens = 5 });

        Assert.True(strategy.ShouldRetry(1, RetryKind.Transient, out _, out _));
        Assert.False(strategy.ShouldRetry(2, RetryKind.Transient, out TimeSpan delay, out int cost));
        Assert.Equal(TimeSpan.Zero, delay);
        Assert.Equal(0, cost);
    }

    [Fact]
    public void Strategies_sharing_a_quota_draw_on_the_same_tokens()
    {
        var options = new RetryOptions { InitialRetryTokens = 10 };
        var quota = new RetryQuota(options);
        var first = new StandardRetryStrategy(options, quota, () => 0.5);
        var second = new StandardRetryStrategy(options, quota, () => 0.5);

        Assert.True(first.ShouldRetry(1, RetryKind.Timeout, out _, out _));
        Assert.False(second.ShouldRetry(1, RetryKind.Transient, out _, out _));
    }

    [Fact]
    public void Success_on_the_first_attempt_refunds_one_token()
    {
        var strategy = Strategy(new RetryOptions());
        strategy.ShouldRetry(1, RetryKind.Timeout, out _, out _);

        strategy.RecordSuccess(attempts: 1, lastQuotaCost: 0);

        Assert.Equal(491, strategy.Quota.AvailableTokens);
    }

    [Fact]
    public void Success_after_retries_refunds_only_the_last_retry_cost()
    {
        var strategy = Strategy(new RetryOptions());
        strategy.ShouldRetry(1, RetryKind.Timeout, out _, out _);
        strategy.ShouldRetry(2, RetryKind.Transient, out _, out int lastCost);

        strategy.RecordSuccess(attempts: 3, lastQuotaCost: lastCost);

        Assert.Equal(490, strategy.Quota.AvailableTokens);
    }

    [Fact]
    public void Attempt_numbers_below_one_throw()
    {
        var strategy = Strategy(new RetryOptions());

        Assert.Throws<ArgumentOutOfRangeException>(() => strategy.ShouldRetry(0, RetryKind.Transient, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => strategy.RecordSuccess(0, 0));
    }

    [Fact]
    public void Undefined_retry_kind_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Strategy(new RetryOptions()).ShouldRetry(1, (RetryKind)42, out _, out _));
    }

    [Theory]
    [InlineData(1, 3, "attempt=1; max=3")]
    [InlineData(3, 3, "attempt=3; max=3")]
    [InlineData(2, 10, "attempt=2; max=10")]
    public void Request_header_names_the_attempt_and_the_limit(int attempt, int maxAttempts, string expected)
    {
        Assert.Equal(expected, StandardRetryStrategy.FormatRequestHeader(attempt, maxAttempts));
    }

    [Fact]
    public void Request_header_name_is_amz_sdk_request()
    {
        Assert.Equal("amz-sdk-request", StandardRetryStrategy.RequestHeaderName);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    public void Request_header_for_an_attempt_outside_one_to_max_throws(int attempt, int maxAttempts)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardRetryStrategy.FormatRequestHeader(attempt, maxAttempts));
    }

    [Fact]
    public async Task Delay_completes_only_when_the_fake_clock_reaches_it()
    {
        var clock = new CountingFakeTimeProvider();
        var strategy = Strategy(new RetryOptions());
        strategy.ShouldRetry(1, RetryKind.Transient, out TimeSpan delay, out _);

        Task wait = StandardRetryStrategy.DelayAsync(delay, clock, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public void Zero_delay_completes_without_a_timer()
    {
        var clock = new CountingFakeTimeProvider();

        Task wait = StandardRetryStrategy.DelayAsync(TimeSpan.Zero, clock, TestContext.Current.CancellationToken);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task Cancelling_a_delay_ends_it_before_the_clock_moves()
    {
        var clock = new CountingFakeTimeProvider();
        using var cancellation = new CancellationTokenSource();

        Task wait = StandardRetryStrategy.DelayAsync(TimeSpan.FromSeconds(5), clock, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public void Negative_delay_throws_before_waiting()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => { _ = StandardRetryStrategy.DelayAsync(TimeSpan.FromTicks(-1), new CountingFakeTimeProvider(), CancellationToken.None); });
    }

    [Fact]
    public async Task Call_failing_twice_with_503_then_succeeding_waits_1_5_seconds_and_settles_the_quota()
    {
        // A hand-written pipeline loop: the shape the request pipeline follows.
        var clock = new CountingFakeTimeProvider();
        var options = new RetryOptions();
        var strategy = new StandardRetryStrategy(options, new RetryQuota(options), () => 0.5);
        int?[] answers = [503, 503, 200];
        DateTimeOffset started = clock.GetUtcNow();
        string[] headers = new string[answers.Length];

        Task<int> call = Task.Run(async () =>
        {
            int attempt = 1;
            int lastCost = 0;
            while (true)
            {
                headers[attempt - 1] = StandardRetryStrategy.FormatRequestHeader(attempt, options.MaxAttempts);
                int? status = answers[attempt - 1];
                RetryKind kind = status == 200 ? RetryKind.None : RetryClassifier.Classify(status, null, null);
                if (status == 200)
                {
                    strategy.RecordSuccess(attempt, lastCost);
                    return attempt;
                }

                Assert.True(strategy.ShouldRetry(attempt, kind, out TimeSpan delay, out lastCost));
                await StandardRetryStrategy.DelayAsync(delay, clock, CancellationToken.None);
                attempt++;
            }
        }, TestContext.Current.CancellationToken);

        // Move the fake clock only while the call is waiting on it, so the elapsed fake time is exact.
        var realTime = System.Diagnostics.Stopwatch.StartNew();
        while (!call.IsCompleted && realTime.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (clock.PendingTimers > 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
            }
            else
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(3, await call);
        Assert.Equal(TimeSpan.FromSeconds(1.5), clock.GetUtcNow() - started);
        Assert.Equal(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"], headers);
        Assert.Equal(495, strategy.Quota.AvailableTokens);
    }
}
