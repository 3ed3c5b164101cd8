using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Threading;

namespace Multinet.UnitTests.Shared.Threading;

/// <summary>How the live feed groups changes into batches: at once after a quiet period, a short burst as soon as it settles, a steady stream once per interval.</summary>
public sealed class ChannelBatchingTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);
    private readonly TimerCountingTime _time = new();
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();

    [Fact]
    public async Task ReadBatches_FirstItemAfterAQuietPeriod_GoesOutAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var batches = _channel.Reader.ReadBatchesAsync(s_interval, s_settle, _time, ct).GetAsyncEnumerator(ct);
        _channel.Writer.TryWrite(1);
        Assert.True(await batches.MoveNextAsync());
        Assert.Equal([1], batches.Current);

        _time.Advance(s_interval);
        _channel.Writer.TryWrite(2);
        Assert.True(await batches.MoveNextAsync()); // no time passes: the interval since the last batch is over
        Assert.Equal([2], batches.Current);
    }

    [Fact]
    public async Task ReadBatches_ShortBurstRightAfterABatch_GoesOutOnceItSettles_NotAtTheEndOfTheInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var batches = _channel.Reader.ReadBatchesAsync(s_interval, s_settle, _time, ct).GetAsyncEnumerator(ct);
        _channel.Writer.TryWrite(1);
        Assert.True(await batches.MoveNextAsync());

        for (var i = 2; i <= 6; i++)
        {
            _channel.Writer.TryWrite(i);
        }

        var next = batches.MoveNextAsync();
        Assert.False(next.IsCompleted); // the burst is gathered, not sent item by item
        var start = _time.GetTimestamp();
        _time.Advance(s_settle);
        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(120), ct)); // ceiling reached only on failure
        Assert.Equal([2, 3, 4, 5, 6], batches.Current);
        Assert.True(_time.GetElapsedTime(start) < s_interval);
    }

    [Fact]
    public async Task ReadBatches_SteadyStreamWithoutPauses_BecomesOneBatchPerInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var batches = _channel.Reader.ReadBatchesAsync(s_interval, s_settle, _time, ct).GetAsyncEnumerator(ct);
        _channel.Writer.TryWrite(0);
        Assert.True(await batches.MoveNextAsync());

        // An item every 10 ms, never a 15 ms pause: the stream does not settle, so the interval decides. The reader
        // learns of each item on the thread pool: time moves on only once it has taken the item and set its next timer,
        // as it would in real time (10 ms is an age to a reader that is not starved).
        var timers = _time.Timers;
        _channel.Writer.TryWrite(1);
        var next = batches.MoveNextAsync();
        var written = new List<int> { 1 };
        Assert.True(SpinWait.SpinUntil(() => _time.Timers > timers, s_ceiling)); // the ceiling is reached only on failure
        for (var i = 2; i <= 10; i++)
        {
            timers = _time.Timers;
            _time.Advance(TimeSpan.FromMilliseconds(10));
            _channel.Writer.TryWrite(i);
            written.Add(i);
            Assert.True(SpinWait.SpinUntil(() => _channel.Reader.Count == 0 && _time.Timers > timers, s_ceiling));
        }

        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(await next.AsTask().WaitAsync(s_ceiling, ct)); // the ceiling is reached only on failure
        Assert.Equal(written, batches.Current); // one batch for the whole stream, none cut off early
    }

    /// <summary>Fake time that counts the timers set on it: a reader waiting on one has set it.</summary>
    private sealed class TimerCountingTime : FakeTimeProvider
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }
    }
}
