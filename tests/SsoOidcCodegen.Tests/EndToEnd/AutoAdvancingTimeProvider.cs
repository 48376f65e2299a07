namespace SsoOidcCodegen.Tests.EndToEnd;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// A clock that jumps forward instead of waiting: a timer (as <c>Task.Delay(delay, clock)</c>
/// creates) moves the clock by its due time and fires at once. Shared by the local service and
/// the login flow, it makes a ten-minute device-code wait take milliseconds while both sides see
/// the intervals they would see in real time.
/// </summary>
public sealed class AutoAdvancingTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private long _utcTicks;

    public AutoAdvancingTimeProvider()
        : this(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero))
    {
    }

    public AutoAdvancingTimeProvider(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    /// <summary>Runs before a timer fires, with the 1-based number of the timer and its due time (e.g. to approve a code after the second poll).</summary>
    public Action<int, TimeSpan>? BeforeTimerFires { get; set; }

    /// <summary>The due time of every timer started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate)
            {
                return [.. _delays];
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _utcTicks, by.Ticks);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Fire(TimerCallback callback, object? state, TimeSpan dueTime)
    {
        int number;
        lock (_gate)
        {
            _delays.Add(dueTime);
            number = _delays.Count;
        }

        BeforeTimerFires?.Invoke(number, dueTime);
        Advance(dueTime);
        ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
    }

    private sealed class JumpingTimer(AutoAdvancingTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return false;
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Fire(callback, state, dueTime);
            }

            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
