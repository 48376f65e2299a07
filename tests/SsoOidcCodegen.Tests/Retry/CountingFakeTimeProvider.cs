namespace SsoOidcCodegen.Tests.Retry;

using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// <see cref="FakeTimeProvider"/> (time moves only on <see cref="FakeTimeProvider.Advance"/>, timers fire
/// during that call) that also counts the one-shot timers still waiting, so a test can tell whether
/// the code under test is waiting on the clock right now.
/// </summary>
internal sealed class CountingFakeTimeProvider : FakeTimeProvider
{
    private int pending;

    public CountingFakeTimeProvider()
        : base(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Timers created and neither fired nor disposed.</summary>
    public int PendingTimers => Volatile.Read(ref pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref pending);
        int done = 0;
        void Settle()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                Interlocked.Decrement(ref pending);
            }
        }

        ITimer timer = base.CreateTimer(
            s =>
            {
                Settle();
                callback(s);
            },
            state,
            dueTime,
            period);
        return new SettlingTimer(timer, Settle);
    }

    private sealed class SettlingTimer(ITimer inner, Action settle) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            settle();
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            settle();
            return inner.DisposeAsync();
        }
    }
}
