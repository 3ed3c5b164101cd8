using System.Threading.Channels;
using Multinet.Shared.Threading;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Threading;

/// <summary>
/// An urgent item in a feed that never settles (counters every few milliseconds) goes out after its short settle, not at
/// the end of the interval, and the routine items after it are still gathered into one batch per interval.
/// </summary>
public sealed class UrgentBatchingTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan s_urgentSettle = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);
    private static readonly BatchTiming<int> s_timing = new(s_interval, s_settle) { IsUrgent = i => i < 0, UrgentSettle = s_urgentSettle };
    private readonly SchedulingFakeTimeProvider _time = new();
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();

    [Fact]
    public async Task ReadBatches_UrgentItemInASteadyStream_GoesOutAfterItsSettle_AndTheStreamAfterItStillWaitsForTheInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var batches = _channel.Reader.ReadBatchesAsync(s_timing, _time, ct).GetAsyncEnumerator(ct);
        _channel.Writer.TryWrite(0);
        Assert.True(await batches.MoveNextAsync()); // leading edge
        var start = _time.GetTimestamp();

        // Routine items 10 ms apart, never a 15 ms pause: the reader waits for the burst to settle after each one.
        _channel.Writer.TryWrite(1);
        var next = batches.MoveNextAsync();
        await _time.WaitForTimerAsync(d => d == s_settle);
        for (var i = 2; i <= 3; i++)
        {
            await StepThenWriteAsync(i, d => d == s_settle);
        }

        // The urgent item shortens the wait to its own settle; a routine item arriving meanwhile does not restart it.
        await StepThenWriteAsync(-1, d => d == s_urgentSettle);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        _channel.Writer.TryWrite(4);
        await _time.WaitForTimerAsync(d => d == TimeSpan.FromMilliseconds(2));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.True(await next.AsTask().WaitAsync(s_ceiling, ct)); // the ceiling is reached only on failure
        Assert.Equal([1, 2, 3, -1, 4], batches.Current);
        Assert.Equal(TimeSpan.FromMilliseconds(35), _time.GetElapsedTime(start)); // not the 100 ms interval

        // The routine stream goes on: it is gathered until the interval since that batch is over, as before.
        start = _time.GetTimestamp();
        _channel.Writer.TryWrite(5);
        next = batches.MoveNextAsync();
        await _time.WaitForTimerAsync(d => d == s_settle);
        for (var i = 6; i <= 14; i++)
        {
            await StepThenWriteAsync(i, d => d > TimeSpan.Zero && d <= s_settle);
        }

        Assert.False(next.IsCompleted);
        _time.Advance(s_step);
        Assert.True(await next.AsTask().WaitAsync(s_ceiling, ct)); // the ceiling is reached only on failure
        Assert.Equal(Enumerable.Range(5, 10), batches.Current);
        Assert.Equal(s_interval, _time.GetElapsedTime(start));
    }

    [Fact]
    public async Task ReadBatches_UrgentItemsAMomentApart_ShareOneBatch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var batches = _channel.Reader.ReadBatchesAsync(s_timing, _time, ct).GetAsyncEnumerator(ct);
        _channel.Writer.TryWrite(0);
        Assert.True(await batches.MoveNextAsync());
        var start = _time.GetTimestamp();

        _channel.Writer.TryWrite(-1);
        var next = batches.MoveNextAsync();
        await _time.WaitForTimerAsync(d => d == s_urgentSettle);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        _channel.Writer.TryWrite(-2); // a second node reporting the same change: the settle starts again from it
        await _time.WaitForTimerAsync(d => d == s_urgentSettle);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.True(await next.AsTask().WaitAsync(s_ceiling, ct)); // the ceiling is reached only on failure
        Assert.Equal([-1, -2], batches.Current);
        Assert.Equal(TimeSpan.FromMilliseconds(8), _time.GetElapsedTime(start));
    }

    /// <summary>Moves the clock one step (the reader's wait is scheduled and not yet due), writes an item, and waits for the reader's next wait.</summary>
    private async Task StepThenWriteAsync(int item, Func<TimeSpan, bool> nextWait)
    {
        _time.Advance(s_step);
        _channel.Writer.TryWrite(item);
        await _time.WaitForTimerAsync(nextWait);
    }
}
