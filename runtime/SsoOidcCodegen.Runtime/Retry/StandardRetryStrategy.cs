namespace SsoOidcCodegen.Runtime.Retry;

using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// The AWS "standard" retry mode: decides after each failed attempt whether to try again and how long
/// to wait, and settles the client's <see cref="RetryQuota"/> when the call succeeds. Stateless apart
/// from the quota, so one instance serves every call of a client, from many threads.
/// </summary>
/// <remarks>
/// A request pipeline uses it like this: send attempt <c>n</c> (starting at 1) with the
/// <see cref="RequestHeaderName"/> header set to <see cref="FormatRequestHeader"/>; on failure,
/// classify with <see cref="RetryClassifier.Classify"/> and call <see cref="ShouldRetry"/>; when it
/// answers true, wait with <see cref="DelayAsync"/> and remember the quota cost; on success call
/// <see cref="RecordSuccess"/> with the number of attempts made and the last quota cost.
/// </remarks>
public sealed class StandardRetryStrategy
{
    /// <summary>The name of the header that tells the service which attempt this is: <c>amz-sdk-request</c>.</summary>
    public const string RequestHeaderName = "amz-sdk-request";

    private readonly Func<double> random;

    /// <summary>Creates the strategy.</summary>
    /// <param name="options">The attempt limit and backoff settings.</param>
    /// <param name="quota">The retry quota, shared by every call of one client.</param>
    /// <param name="random">
    /// The jitter source, returning a value in [0, 1]; null uses <see cref="Random.Shared"/>.
    /// </param>
    public StandardRetryStrategy(RetryOptions options, RetryQuota quota, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(quota);
        Options = options;
        Quota = quota;
        this.random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The attempt limit and backoff settings.</summary>
    public RetryOptions Options { get; }

    /// <summary>The retry quota this strategy draws on.</summary>
    public RetryQuota Quota { get; }

    /// <summary>Decides whether to make another attempt after a failed one.</summary>
    /// <param name="attemptJustFailed">The number of the attempt that failed; 1 for the first.</param>
    /// <param name="kind">What the failure was, from <see cref="RetryClassifier.Classify"/>.</param>
    /// <param name="delay">How long to wait before the next attempt; zero when there is none.</param>
    /// <param name="quotaCost">
    /// The tokens this retry took from the quota, to pass to <see cref="RecordSuccess"/> if the next
    /// attempt succeeds; zero when there is no retry.
    /// </param>
    /// <returns>
    /// False when the failure is not retryable, the attempts are used up, or the quota holds too few
    /// tokens; the quota is charged only when the answer is true.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="attemptJustFailed"/> is less than 1, or <paramref name="kind"/> is not a defined value.
    /// </exception>
    /// <exception cref="InvalidOperationException">The random source or the custom backoff returned an unusable value.</exception>
    public bool ShouldRetry(int attemptJustFailed, RetryKind kind, out TimeSpan delay, out int quotaCost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptJustFailed, 1);
        delay = TimeSpan.Zero;
        quotaCost = 0;

        bool isTimeout = kind switch
        {
            RetryKind.None => false,
            RetryKind.Transient or RetryKind.Throttling => false,
            RetryKind.Timeout => true,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined RetryKind."),
        };

        // The attempt limit is checked before the quota so that a call that may not retry anyway costs nothing.
        if (kind == RetryKind.None || attemptJustFailed >= Options.MaxAttempts)
        {
            return false;
        }

        if (!Quota.TryAcquire(isTimeout, out int cost))
        {
            return false;
        }

        delay = ComputeDelay(attemptJustFailed);
        quotaCost = cost;
        return true;
    }

    /// <summary>Settles the quota for a call that has succeeded.</summary>
    /// <param name="attempts">How many attempts the call made, the successful one included.</param>
    /// <param name="lastQuotaCost">
    /// The <c>quotaCost</c> <see cref="ShouldRetry"/> gave for the retry that succeeded; ignored when
    /// <paramref name="attempts"/> is 1.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="attempts"/> is less than 1, or <paramref name="lastQuotaCost"/> is negative.
    /// </exception>
    public void RecordSuccess(int attempts, int lastQuotaCost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        if (attempts == 1)
        {
            Quota.OnSuccessWithoutRetry();
        }
        else
        {
            Quota.Release(lastQuotaCost);
        }
    }

    /// <summary>
    /// The value of the <c>amz-sdk-request</c> header for one attempt, for example <c>attempt=1; max=3</c>.
    /// </summary>
    /// <param name="attempt">The number of the attempt being sent; 1 for the first.</param>
    /// <param name="maxAttempts">The most attempts the call may make.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="attempt"/> is less than 1 or greater than <paramref name="maxAttempts"/>.
    /// </exception>
    public static string FormatRequestHeader(int attempt, int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempt, maxAttempts);
        return maxAttempts <= RequestHeaderCacheMax
            ? RequestHeaderValues[(maxAttempts * (maxAttempts - 1) / 2) + attempt - 1]
            : string.Create(CultureInfo.InvariantCulture, $"attempt={attempt}; max={maxAttempts}");
    }

    // Every value for up to RequestHeaderCacheMax attempts, made once: a call sends one per attempt.
    private const int RequestHeaderCacheMax = 10;

    private static readonly string[] RequestHeaderValues = CreateRequestHeaderValues();

    private static string[] CreateRequestHeaderValues()
    {
        var values = new string[RequestHeaderCacheMax * (RequestHeaderCacheMax + 1) / 2];
        for (int max = 1; max <= RequestHeaderCacheMax; max++)
        {
            for (int attempt = 1; attempt <= max; attempt++)
            {
                values[(max * (max - 1) / 2) + attempt - 1] = "attempt=" + Digits(attempt) + "; max=" + Digits(max);
            }
        }

        return values;

        // Written by hand: the culture's formatting would load ICU on a client's first call (about 10 ms at a cold start).
        static string Digits(int value) => value < 10 ? new string((char)('0' + value), 1) : new string([(char)('0' + (value / 10)), (char)('0' + (value % 10))]);
    }

    /// <summary>
    /// Waits out a retry delay on <paramref name="timeProvider"/>'s clock, so that tests can drive it
    /// with a fake one. A zero delay completes at once.
    /// </summary>
    /// <param name="delay">How long to wait, as <see cref="ShouldRetry"/> gave it.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> in production.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the delay has passed, or is cancelled with the token.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static Task DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        return delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, timeProvider, cancellationToken);
    }

    // min(b * 2^(attempt-1), MaxBackoff) seconds with b drawn from [0, 1): the standard-mode formula.
    private TimeSpan ComputeDelay(int attemptJustFailed)
    {
        if (Options.Backoff is { } custom)
        {
            TimeSpan chosen = custom(attemptJustFailed);
            if (chosen < TimeSpan.Zero)
            {
                throw new InvalidOperationException(
                    $"RetryOptions.Backoff returned a negative delay ({chosen}) for attempt {attemptJustFailed}.");
            }

            return chosen;
        }

        double b = random();
        if (!(b >= 0.0 && b <= 1.0))
        {
            throw new InvalidOperationException($"The random source returned {b}, outside [0, 1].");
        }

        // 2^(attempt-1) overflows to infinity for huge attempts, which the cap below absorbs; but
        // 0 * infinity is NaN, so a zero draw is answered here.
        if (b == 0.0)
        {
            return TimeSpan.Zero;
        }

        double ticks = b * Math.Pow(2, attemptJustFailed - 1) * TimeSpan.TicksPerSecond;
        return ticks >= Options.MaxBackoff.Ticks ? Options.MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
