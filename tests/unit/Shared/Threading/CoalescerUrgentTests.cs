using Multinet.Shared.Threading;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Threading;

/// <summary>
/// An urgent item in a feed that never settles (counters every few milliseconds) goes out after its short settle, not at
/// the end of the interval, and the routine items after it are still gathered into one batch per interval.
/// </summary>
public sealed class CoalescerUrgentTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_settle = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan s_urgentSettle = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(10);
    private static readonly BatchTiming<int> s_timing = new(s_interval, s_settle) { IsUrgent = i => i < 0, UrgentSettle = s_urgentSettle };
    private readonly SchedulingFakeTimeProvider _time = new();
    private readonly List<int[]> _batches = [];
    private readonly Coalescer<int> _coalescer;

    public CoalescerUrgentTests() => _coalescer = new Coalescer<int>(s_timing, _time, _batches.Add);

    [Fact]
    public void Add_UrgentItemInASteadyStream_GoesOutAfterItsSettle_AndTheStreamAfterItStillWaitsForTheInterval()
    {
        _coalescer.Add(0); // leading edge
        var start = _time.GetTimestamp();

        // Routine items 10 ms apart, never a 15 ms pause.
        for (var i = 1; i <= 3; i++)
        {
            _coalescer.Add(i);
            _time.Advance(s_step);
        }

        // The urgent item shortens the wait to its own settle; a routine item arriving meanwhile does not restart it.
        _coalescer.Add(-1);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        _coalescer.Add(4);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(_batches);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([1, 2, 3, -1, 4], _batches[^1]);
        Assert.Equal(TimeSpan.FromMilliseconds(35), _time.GetElapsedTime(start)); // not the 100 ms interval

        // The routine stream goes on: it is gathered until the interval since that batch is over, as before.
        for (var i = 5; i <= 14; i++)
        {
            _coalescer.Add(i);
            Assert.Equal(2, _batches.Count);
            _time.Advance(s_step);
        }

        Assert.Equal(Enumerable.Range(5, 10), _batches[^1]);
    }

    [Fact]
    public async Task Add_UrgentItemsAMomentApart_ShareOneBatch()
    {
        _coalescer.Add(0);

        _coalescer.Add(-1);
        await _time.WaitForTimerAsync(d => d == s_urgentSettle); // the timer is moved, not made anew, and says when it is due
        _time.Advance(TimeSpan.FromMilliseconds(3));
        _coalescer.Add(-2); // a second node reporting the same change: the settle starts again from it
        await _time.WaitForTimerAsync(d => d == s_urgentSettle);
        _time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Single(_batches);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([[0], [-1, -2]], _batches);
    }
}
