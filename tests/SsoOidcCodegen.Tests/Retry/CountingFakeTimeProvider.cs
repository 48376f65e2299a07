namespace SsoOidcCodegen.Tests.Retry;

using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// <see cref="FakeTimeProvider"/> (time moves only on <see cref="FakeTimeProvider.Advance"/>, timers fire
/// during that call) that also counts the one-shot timers armed and still waiting, so a test can tell
/// whether the code under test is waiting on the clock right now.
/// </summary>
/// <remarks>
/// A timer counts only once it is registered with a due time (after <c>base.CreateTimer</c>, or after a
/// <c>Change</c> that gives it one). The earlier version counted it before registering it, and a test that
/// advances the clock whenever a timer is pending could move fake time in that window that the code never
/// waited for: seen once in CI on a loaded machine, 29 minutes of fake time for a 1.5 s retry wait.
/// </remarks>
internal sealed class CountingFakeTimeProvider : FakeTimeProvider
{
    private int pending;

    public CountingFakeTimeProvider()
        : base(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Timers armed (given a due time) and neither fired nor disposed.</summary>
    public int PendingTimers => Volatile.Read(ref pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var counted = new CountedTimer(this);
        counted.Inner = base.CreateTimer(
            s =>
            {
                counted.Settle();
                callback(s);
            },
            state,
            dueTime,
            period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            counted.Arm();
        }

        return counted;
    }

    private sealed class CountedTimer(CountingFakeTimeProvider owner) : ITimer
    {
        private int armed;
        private int done;

        public ITimer Inner { get; set; } = null!;

        public void Arm()
        {
            if (Volatile.Read(ref done) == 0 && Interlocked.Exchange(ref armed, 1) == 0)
            {
                Interlocked.Increment(ref owner.pending);
            }
        }

        public void Settle()
        {
            Interlocked.Exchange(ref done, 1);
            Disarm();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Set the due time first, then count the timer: the clock must not move for it before it is due.
            bool changed = Inner.Change(dueTime, period);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                Disarm();
            }
            else
            {
                // A timer armed again after it fired waits again.
                Volatile.Write(ref done, 0);
                Arm();
            }

            return changed;
        }

        public void Dispose()
        {
            Settle();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Settle();
            return Inner.DisposeAsync();
        }

        private void Disarm()
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                Interlocked.Decrement(ref owner.pending);
            }
        }
    }
}
