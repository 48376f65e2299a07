namespace SsoOidcCodegen.Tests.Retry;

using System;
using System.Threading;
using System.Threading.Tasks;
using SsoOidcCodegen.Runtime.Retry;
using Xunit;

[Trait("Category", TestCategories.Runtime)]
public sealed class RetryQuotaTests
{
    [Fact]
    public void New_quota_starts_full_at_500_tokens()
    {
        var quota = new RetryQuota();

        Assert.Equal(500, quota.MaxTokens);
        Assert.Equal(500, quota.AvailableTokens);
    }

    [Fact]
    public void Quota_grants_100_retries_then_refuses_the_101st()
    {
        var quota = new RetryQuota();

        for (int i = 1; i <= 100; i++)
        {
            Assert.True(quota.TryAcquire(isTimeoutOrConnectionError: false, out int cost), $"retry {i} was refused");
            Assert.Equal(5, cost);
        }

        Assert.False(quota.TryAcquire(isTimeoutOrConnectionError: false, out int refusedCost));
        Assert.Equal(0, refusedCost);
        Assert.Equal(0, quota.AvailableTokens);
    }

    [Fact]
    public void Quota_refuses_retries_after_50_timeouts()
    {
        var quota = new RetryQuota();

        for (int i = 1; i <= 50; i++)
        {
            Assert.True(quota.TryAcquire(isTimeoutOrConnectionError: true, out _), $"timeout retry {i} was refused");
        }

        Assert.False(quota.TryAcquire(isTimeoutOrConnectionError: true, out _));
        Assert.False(quota.TryAcquire(isTimeoutOrConnectionError: false, out _));
    }

    [Fact]
    public void Timeout_retry_costs_10_tokens()
    {
        var quota = new RetryQuota();

        Assert.True(quota.TryAcquire(isTimeoutOrConnectionError: true, out int cost));

        Assert.Equal(10, cost);
        Assert.Equal(490, quota.AvailableTokens);
    }

    [Fact]
    public void Refused_timeout_retry_leaves_the_balance_for_a_cheaper_retry()
    {
        var quota = new RetryQuota(new RetryOptions { InitialRetryTokens = 7 });

        Assert.False(quota.TryAcquire(isTimeoutOrConnectionError: true, out _));
        Assert.Equal(7, quota.AvailableTokens);
        Assert.True(quota.TryAcquire(isTimeoutOrConnectionError: false, out _));
        Assert.Equal(2, quota.AvailableTokens);
    }

    [Fact]
    public void Costs_come_from_the_options()
    {
        var quota = new RetryQuota(new RetryOptions { InitialRetryTokens = 100, RetryCost = 3, TimeoutRetryCost = 7 });

        quota.TryAcquire(isTimeoutOrConnectionError: false, out int retryCost);
        quota.TryAcquire(isTimeoutOrConnectionError: true, out int timeoutCost);

        Assert.Equal(3, retryCost);
        Assert.Equal(7, timeoutCost);
        Assert.Equal(90, quota.AvailableTokens);
    }

    [Fact]
    public void Release_returns_the_acquired_cost()
    {
        var quota = new RetryQuota();
        quota.TryAcquire(isTimeoutOrConnectionError: true, out _);
        quota.TryAcquire(isTimeoutOrConnectionError: true, out int lastCost);

        quota.Release(lastCost);

        Assert.Equal(490, quota.AvailableTokens);
    }

    [Fact]
    public void Release_stops_at_the_initial_capacity()
    {
        var quota = new RetryQuota();
        quota.TryAcquire(isTimeoutOrConnectionError: false, out int cost);

        quota.Release(cost);
        quota.Release(cost);
        quota.Release(int.MaxValue);

        Assert.Equal(500, quota.AvailableTokens);
    }

    [Fact]
    public void Release_of_a_negative_cost_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryQuota().Release(-1));
    }

    [Fact]
    public void Success_without_retry_refunds_one_token()
    {
        var quota = new RetryQuota();
        quota.TryAcquire(isTimeoutOrConnectionError: false, out _);

        quota.OnSuccessWithoutRetry();

        Assert.Equal(496, quota.AvailableTokens);
    }

    [Fact]
    public void Success_without_retry_does_not_overfill_a_full_quota()
    {
        var quota = new RetryQuota();

        quota.OnSuccessWithoutRetry();

        Assert.Equal(500, quota.AvailableTokens);
    }

    [Fact]
    public void Empty_quota_grants_a_retry_again_after_enough_first_attempt_successes()
    {
        var quota = new RetryQuota(new RetryOptions { InitialRetryTokens = 5 });
        quota.TryAcquire(isTimeoutOrConnectionError: false, out _);

        for (int i = 0; i < 4; i++)
        {
            quota.OnSuccessWithoutRetry();
        }

        Assert.False(quota.TryAcquire(isTimeoutOrConnectionError: false, out _));
        quota.OnSuccessWithoutRetry();
        Assert.True(quota.TryAcquire(isTimeoutOrConnectionError: false, out _));
    }

    [Fact]
    public void Parallel_acquires_never_overdraw_the_quota()
    {
        var quota = new RetryQuota();
        int granted = 0;
        int grantedCost = 0;
        int lowestSeen = int.MaxValue;
        const int Workers = 8;
        using var start = new Barrier(Workers);

        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, worker =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 1_000; i++)
            {
                // Mixed costs: 5 and 10 both divide 500, so the bucket must end at exactly zero.
                if (quota.TryAcquire(isTimeoutOrConnectionError: (i + worker) % 2 == 0, out int cost))
                {
                    Interlocked.Increment(ref granted);
                    Interlocked.Add(ref grantedCost, cost);
                }

                int seen = quota.AvailableTokens;
                int lowest;
                while (seen < (lowest = Volatile.Read(ref lowestSeen))
                       && Interlocked.CompareExchange(ref lowestSeen, seen, lowest) != lowest)
                {
                }
            }
        });

        Assert.Equal(500, grantedCost);
        Assert.Equal(0, quota.AvailableTokens);
        Assert.InRange(granted, 50, 100);
        Assert.True(lowestSeen >= 0, $"the balance was observed at {lowestSeen}");
    }

    [Fact]
    public void Parallel_acquire_and_release_pairs_leave_the_quota_full()
    {
        var quota = new RetryQuota();
        const int Workers = 8;
        using var start = new Barrier(Workers);

        Parallel.For(0, Workers, new ParallelOptions { MaxDegreeOfParallelism = Workers }, worker =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 10_000; i++)
            {
                if (quota.TryAcquire(isTimeoutOrConnectionError: (i & 1) == 0, out int cost))
                {
                    quota.Release(cost);
                }
            }
        });

        Assert.Equal(500, quota.AvailableTokens);
    }
}
