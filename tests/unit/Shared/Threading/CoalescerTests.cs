using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Threading;

namespace Multinet.UnitTests.Shared.Threading;

/// <summary>How the live feed groups changes into batches: at once after a quiet period, a short burst as soon as it settles, a steady stream once per interval.</summary>
public sealed class CoalescerTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(15);
    private readonly FakeTimeProvider _time = new();
    private readonly List<int[]> _batches = [];
    private readonly Coalescer<int> _coalescer;

    public CoalescerTests() => _coalescer = new Coalescer<int>(new BatchTiming<int>(s_interval, s_settle), _time, _batches.Add);

    [Fact]
    public void Add_FirstItemAfterAQuietPeriod_GoesOutAtOnce()
    {
        _coalescer.Add(1);
        Assert.Equal([[1]], _batches);

        _time.Advance(s_interval);
        _coalescer.Add(2); // no time passes: the interval since the last batch is over
        Assert.Equal([[1], [2]], _batches);
    }

    [Fact]
    public void Add_ShortBurstRightAfterABatch_GoesOutOnceItSettles_NotAtTheEndOfTheInterval()
    {
        _coalescer.Add(1);
        for (var i = 2; i <= 6; i++)
        {
            _coalescer.Add(i);
        }

        Assert.Single(_batches); // the burst is gathered, not sent item by item
        _time.Advance(s_settle - TimeSpan.FromMilliseconds(1));
        Assert.Single(_batches);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([2, 3, 4, 5, 6], _batches[^1]);
    }

    [Fact]
    public void Add_SteadyStreamWithoutPauses_BecomesOneBatchPerInterval()
    {
        _coalescer.Add(0);

        // An item every 10 ms, never a 15 ms pause: the stream does not settle, so the interval decides.
        for (var i = 1; i <= 10; i++)
        {
            _coalescer.Add(i);
            Assert.Single(_batches);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal([[0], [.. Enumerable.Range(1, 10)]], _batches); // one batch for the whole stream, none cut off early
    }

    [Fact]
    public void Add_AsManyItemsAsABatchHolds_GoOutAtOnce()
    {
        var batches = new List<int[]>();
        var coalescer = new Coalescer<int>(new BatchTiming<int>(s_interval, s_settle), _time, batches.Add, maxBatch: 3);
        coalescer.Add(0);

        for (var i = 1; i <= 7; i++)
        {
            coalescer.Add(i);
        }

        Assert.Equal([[0], [1, 2, 3], [4, 5, 6]], batches); // 7 waits for its burst to settle
        _time.Advance(s_settle);
        Assert.Equal([7], batches[^1]);
    }

    [Fact]
    public async Task Add_FromManyThreadsOnTheSystemClock_DeliversEveryItemOnce()
    {
        var delivered = new List<int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var coalescer = new Coalescer<int>(new BatchTiming<int>(s_interval, s_settle), TimeProvider.System, batch =>
        {
            delivered.AddRange(batch); // batches are handed over one at a time
            if (delivered.Count == 10_000)
            {
                all.SetResult();
            }
        });

        Parallel.For(0, 10_000, coalescer.Add);

        await all.Task.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken); // the tail goes out on the timer; the ceiling is reached only on failure
        Assert.Equal(Enumerable.Range(0, 10_000), delivered.Order());
    }
}
