namespace Multinet.Shared.Threading;

/// <summary>
/// Gathers items into batches, at most one per <see cref="BatchTiming{T}.Interval"/> while items keep coming. The first
/// item after a quiet period is delivered at once (leading edge). Items that arrive sooner are gathered until the burst
/// settles, that is until no new item came for <see cref="BatchTiming{T}.Settle"/>, or until the interval since the last
/// batch is over, whichever is first: the tail of a short burst does not wait out the whole interval, and a steady stream
/// still becomes one batch per interval. An urgent item (<see cref="BatchTiming{T}.IsUrgent"/>) also ends the gathering
/// once no other urgent item came for <see cref="BatchTiming{T}.UrgentSettle"/>, however busy the stream is with routine
/// items: in a stream that never settles it goes out after its short settle, with whatever was gathered so far.
/// </summary>
/// <remarks>
/// The work is done on the writers' threads and on one timer, which is moved rather than made anew: one coalescer in
/// front of many readers costs one timer per change in all, not a timer, a task and a wake-up per reader per change.
/// A batch is handed to <c>deliver</c> under the coalescer's lock, so batches arrive in order and one at a time;
/// <c>deliver</c> must be quick and must not throw.
/// </remarks>
public sealed class Coalescer<T>
{
    private readonly BatchTiming<T> _timing;
    private readonly TimeProvider _timeProvider;
    private readonly Action<T[]> _deliver;
    private readonly int _maxBatch;
    private readonly Lock _lock = new();
    private readonly List<T> _gathered = [];
    private readonly ITimer _timer;
    private long? _lastBatch;
    private long _lastItem;
    private long? _lastUrgent;
    private bool _armed;

    /// <param name="timing">When a batch goes out.</param>
    /// <param name="timeProvider">The clock of the timing.</param>
    /// <param name="deliver">Takes each batch, on the coalescer's lock.</param>
    /// <param name="maxBatch">A batch goes out at once when it holds this many items, whatever the timing.</param>
    public Coalescer(BatchTiming<T> timing, TimeProvider timeProvider, Action<T[]> deliver, int maxBatch = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(deliver);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _timing = timing;
        _timeProvider = timeProvider;
        _deliver = deliver;
        _maxBatch = maxBatch;

        // Made here, unarmed, without the creator's execution context: the first writer's request must not live on in it.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = timeProvider.CreateTimer(static state => ((Coalescer<T>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Adds an item: delivers its batch now if the timing says so, or sets the timer for when it will.</summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            _gathered.Add(item);
            _lastItem = now;
            if (_timing.IsUrgent is { } isUrgent && isUrgent(item))
            {
                _lastUrgent = now;
            }

            DeliverOrWait(now);
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _armed = false;
            if (_gathered.Count > 0)
            {
                DeliverOrWait(_timeProvider.GetTimestamp());
            }
        }
    }

    private void DeliverOrWait(long now)
    {
        if (_gathered.Count < _maxBatch && Wait(now) is var wait && wait > TimeSpan.Zero)
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
            _armed = true;
            return;
        }

        if (_armed)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _armed = false;
        }

        var batch = _gathered.ToArray();
        _gathered.Clear();
        _lastBatch = now;
        _lastUrgent = null;
        _deliver(batch);
    }

    /// <summary>
    /// How long gathering may wait for the next item: until the interval since the last batch is over, the burst settled,
    /// or the last urgent item settled, whichever is first; zero or less when gathering is over.
    /// </summary>
    private TimeSpan Wait(long now)
    {
        if (_lastBatch is not { } lastBatch)
        {
            return TimeSpan.Zero;
        }

        var wait = _timing.Interval - _timeProvider.GetElapsedTime(lastBatch, now);
        var settle = _timing.Settle - _timeProvider.GetElapsedTime(_lastItem, now);
        if (settle < wait)
        {
            wait = settle;
        }

        if (_lastUrgent is { } urgent && _timing.UrgentSettle - _timeProvider.GetElapsedTime(urgent, now) is var urgentLeft && urgentLeft < wait)
        {
            wait = urgentLeft;
        }

        return wait;
    }
}
