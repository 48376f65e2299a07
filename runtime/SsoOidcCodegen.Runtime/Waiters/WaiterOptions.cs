namespace SsoOidcCodegen.Runtime.Waiters;

using System;

/// <summary>
/// Overrides for one <c>WaitUntil...Async</c> call. Every value left null takes the model's default
/// (<see cref="MinDelay"/> and <see cref="MaxAttempts"/>) or the SDKs' default (<see cref="MaxDelay"/> 120 s).
/// </summary>
public sealed class WaiterOptions
{
    /// <summary>The shortest delay between attempts; the model's <c>delay</c> when null.</summary>
    public TimeSpan? MinDelay { get; init; }

    /// <summary>The longest delay between attempts; 120 s (or <see cref="MinDelay"/> when that is longer) when null.</summary>
    public TimeSpan? MaxDelay { get; init; }

    /// <summary>How many calls at most; the model's <c>maxAttempts</c> when null.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>The longest the waiter keeps trying, measured from its first call; no limit beyond <see cref="MaxAttempts"/> when null.</summary>
    public TimeSpan? MaxWaitTime { get; init; }

    /// <summary>The clock the delays run on; <see cref="TimeProvider.System"/> when null (for tests).</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The source of the delays' jitter; <see cref="Random.Shared"/> when null (for tests).</summary>
    public Random? Random { get; init; }
}
