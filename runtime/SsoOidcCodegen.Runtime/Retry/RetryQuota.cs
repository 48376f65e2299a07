namespace SsoOidcCodegen.Runtime.Retry;

using System;
using System.Threading;

/// <summary>
/// The token bucket that limits how many retries one client makes while a service is unhealthy
/// (AWS "standard" retry mode). Shared by every call of the client and safe to use from many threads.
/// </summary>
/// <remarks>
/// A retry takes <see cref="RetryOptions.RetryCost"/> tokens, or <see cref="RetryOptions.TimeoutRetryCost"/>
/// after a timeout or connection failure; when the bucket holds less than that, the call is not retried.
/// A call that succeeds on its first attempt returns <see cref="RetryOptions.NoRetryIncrement"/>; a call
/// that succeeds after retrying returns what its last retry took. The balance never exceeds
/// <see cref="RetryOptions.InitialRetryTokens"/> and never drops below zero.
/// </remarks>
public sealed class RetryQuota
{
    private readonly int retryCost;
    private readonly int timeoutRetryCost;
    private readonly int noRetryIncrement;
    private int available;

    /// <summary>Creates a full quota with the standard sizes and costs.</summary>
    public RetryQuota()
        : this(new RetryOptions())
    {
    }

    /// <summary>Creates a full quota with the capacity and costs in <paramref name="options"/>.</summary>
    /// <param name="options">Supplies the capacity and the costs.</param>
    public RetryQuota(RetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxTokens = options.InitialRetryTokens;
        retryCost = options.RetryCost;
        timeoutRetryCost = options.TimeoutRetryCost;
        noRetryIncrement = options.NoRetryIncrement;
        available = MaxTokens;
    }

    /// <summary>The capacity of the bucket, which is also its starting balance.</summary>
    public int MaxTokens { get; }

    /// <summary>The tokens left at this moment.</summary>
    public int AvailableTokens => Volatile.Read(ref available);

    /// <summary>Takes the cost of one retry from the bucket, if it holds enough.</summary>
    /// <param name="isTimeoutOrConnectionError">
    /// True when the failed attempt timed out or could not connect, which costs more.
    /// </param>
    /// <param name="cost">The tokens taken; zero when the retry is refused.</param>
    /// <returns>True when the retry may go ahead; false when the bucket holds too few tokens.</returns>
    public bool TryAcquire(bool isTimeoutOrConnectionError, out int cost)
    {
        int wanted = isTimeoutOrConnectionError ? timeoutRetryCost : retryCost;
        int current = Volatile.Read(ref available);
        while (current >= wanted)
        {
            int seen = Interlocked.CompareExchange(ref available, current - wanted, current);
            if (seen == current)
            {
                cost = wanted;
                return true;
            }

            current = seen;
        }

        cost = 0;
        return false;
    }

    /// <summary>
    /// Returns what a retry took, once the call it belonged to has succeeded; the balance stops at
    /// <see cref="MaxTokens"/>.
    /// </summary>
    /// <param name="acquiredCost">The cost <see cref="TryAcquire"/> reported for the call's last retry.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="acquiredCost"/> is negative.</exception>
    public void Release(int acquiredCost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(acquiredCost);
        Refund(acquiredCost);
    }

    /// <summary>
    /// Records a call that succeeded on its first attempt: returns <see cref="RetryOptions.NoRetryIncrement"/>
    /// tokens, stopping at <see cref="MaxTokens"/>.
    /// </summary>
    public void OnSuccessWithoutRetry() => Refund(noRetryIncrement);

    private void Refund(int amount)
    {
        int current = Volatile.Read(ref available);
        while (true)
        {
            // long arithmetic so that a large refund cannot wrap past int.MaxValue.
            int next = (int)Math.Min((long)current + amount, MaxTokens);
            if (next <= current)
            {
                return;
            }

            int seen = Interlocked.CompareExchange(ref available, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
