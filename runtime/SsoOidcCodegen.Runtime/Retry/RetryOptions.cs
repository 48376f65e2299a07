namespace SsoOidcCodegen.Runtime.Retry;

using System;

/// <summary>
/// Settings of the AWS "standard" retry mode: how many attempts a call may make, how long it waits
/// between them, and the size and costs of the client's retry quota.
/// </summary>
/// <remarks>
/// The defaults are the values the AWS SDKs use for standard mode (AWS SDKs and Tools Reference
/// Guide, "Retry behavior"). Every member is <c>init</c>-only so that a strategy and the quota it
/// shares across a client never see the settings change under them.
/// </remarks>
public sealed class RetryOptions
{
    private readonly int maxAttempts = 3;
    private readonly TimeSpan maxBackoff = TimeSpan.FromSeconds(20);
    private readonly int initialRetryTokens = 500;
    private readonly int retryCost = 5;
    private readonly int timeoutRetryCost = 10;
    private readonly int noRetryIncrement = 1;

    /// <summary>
    /// The most attempts one call makes, the first included; <c>1</c> turns retries off. Default <c>3</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxAttempts
    {
        get => maxAttempts;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxAttempts));
            maxAttempts = value;
        }
    }

    /// <summary>
    /// The longest computed wait between two attempts. Default 20 seconds. Not applied to
    /// <see cref="Backoff"/>, whose delays are used as returned.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan MaxBackoff
    {
        get => maxBackoff;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(MaxBackoff));
            maxBackoff = value;
        }
    }

    /// <summary>
    /// Replaces the standard jittered exponential backoff: given the number of the attempt that just
    /// failed (1 for the first), returns how long to wait before the next one. The delay must not be
    /// negative. Null (the default) uses the standard formula.
    /// </summary>
    public Func<int, TimeSpan>? Backoff { get; init; }

    /// <summary>The capacity of the retry quota, which is also its starting balance. Default <c>500</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int InitialRetryTokens
    {
        get => initialRetryTokens;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(InitialRetryTokens));
            initialRetryTokens = value;
        }
    }

    /// <summary>Tokens a retry after a transient or throttling error takes from the quota. Default <c>5</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int RetryCost
    {
        get => retryCost;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(RetryCost));
            retryCost = value;
        }
    }

    /// <summary>Tokens a retry after a timeout or connection failure takes from the quota. Default <c>10</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int TimeoutRetryCost
    {
        get => timeoutRetryCost;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(TimeoutRetryCost));
            timeoutRetryCost = value;
        }
    }

    /// <summary>Tokens a call that succeeds on its first attempt returns to the quota. Default <c>1</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int NoRetryIncrement
    {
        get => noRetryIncrement;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(NoRetryIncrement));
            noRetryIncrement = value;
        }
    }
}
