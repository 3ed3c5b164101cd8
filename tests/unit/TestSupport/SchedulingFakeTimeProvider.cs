using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells when code under test schedules a timer (a <c>Task.Delay</c>, a
/// <c>PeriodicTimer</c>, a timer made once and moved with <see cref="ITimer.Change"/>) and for how long: a test advances the clock once the wait it means to end exists, instead of
/// advancing before it (the wait would then be due at a time the clock never reaches) or stepping on the wall clock.
/// </summary>
internal sealed class SchedulingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _scheduled = Channel.CreateUnbounded<TimeSpan>();

    public SchedulingFakeTimeProvider() : this(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Schedule(dueTime);
        return new ReportingTimer(timer, this);
    }

    /// <summary>How many times a timer was made or moved to a due time (not stopped).</summary>
    public int TimersSet => Volatile.Read(ref _timersSet);

    private int _timersSet;

    private void Schedule(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Increment(ref _timersSet);
        }

        _scheduled.Writer.TryWrite(dueTime);
    }

    /// <summary>Waits (60 s at most, reached only on failure) until a timer due within <paramref name="match"/> has been scheduled.</summary>
    public async Task WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        while (!match(await _scheduled.Reader.NextAsync()))
        {
        }
    }

    /// <summary>The fake timer, telling each new due time it is moved to.</summary>
    private sealed class ReportingTimer(ITimer timer, SchedulingFakeTimeProvider time) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = timer.Change(dueTime, period);
            time.Schedule(dueTime);
            return changed;
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
