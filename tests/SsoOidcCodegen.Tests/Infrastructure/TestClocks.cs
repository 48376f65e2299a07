namespace SsoOidcCodegen.Tests.Infrastructure;

using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Time.Testing;

/// <summary>The test clocks: <see cref="FakeTimeProvider"/> everywhere, starting at one fixed instant.</summary>
public static class TestClocks
{
    /// <summary>Where every test clock starts unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A clock that stands still until the test calls <see cref="FakeTimeProvider.Advance"/>.</summary>
    public static FakeTimeProvider Manual() => new(Start);

    /// <summary>A clock whose timers fire at once, moving the clock by their due time (see <see cref="JumpingFakeTimeProvider"/>).</summary>
    public static JumpingFakeTimeProvider Jumping() => new(Start);
}

/// <summary>
/// A <see cref="FakeTimeProvider"/> that jumps forward instead of waiting: each timer (as <c>Task.Delay(delay,
/// clock)</c> creates) moves the clock by its due time, which fires it. A ten-minute device-code wait or a
/// waiter's backoff takes milliseconds while both sides see the intervals they would see in real time.
/// </summary>
public sealed class JumpingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> delays = [];

    /// <summary>Runs before a timer fires, with the 1-based number of the timer and its due time (e.g. to approve a code after the second poll).</summary>
    public Action<int, TimeSpan>? BeforeTimerFires { get; set; }

    /// <summary>The due time of every timer started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (gate)
            {
                return [.. delays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            int number;
            lock (gate)
            {
                delays.Add(dueTime);
                number = delays.Count;
            }

            // Off the caller's thread: the timer must exist before its callback runs.
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    BeforeTimerFires?.Invoke(number, dueTime);
                    Advance(dueTime);
                },
                null);
        }

        return timer;
    }
}
