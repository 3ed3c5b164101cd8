using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Multinet.Shared.Crds;
using Multinet.Shared.Threading;

namespace Multinet.Web.State;

/// <summary>
/// The one shared in-memory model the console shows: Networks from the Kubernetes watch cache, nodes from the
/// agents' reports. Every mutation makes a new immutable <see cref="LiveSnapshot"/> and one <see cref="LiveChange"/>;
/// changes are coalesced into batches once, and every subscriber reads the same batches, so a burst of changes costs a
/// handful of renders. A change an admin waits to see (a Network added, edited or removed; a node's VRFs, connection or
/// staleness) is urgent: its batch goes out once no other urgent change followed for <see cref="UrgentSettle"/>, while
/// the agents' counters, which change all the time, keep the batching of <see cref="BatchInterval"/>.
/// </summary>
public sealed partial class LiveState(TimeProvider timeProvider)
{
    /// <summary>
    /// How often a subscriber gets a batch at most while changes keep coming. The first change after a quiet period goes
    /// out at once; later ones are gathered until the burst settles (<see cref="BatchSettle"/>) or this interval is over.
    /// </summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A burst (say, every node reporting a new Network's VRF) is over once no change came for this long: its batch goes out
    /// then, rather than at the end of <see cref="BatchInterval"/>.
    /// </summary>
    public static readonly TimeSpan BatchSettle = TimeSpan.FromMilliseconds(15);

    /// <summary>
    /// How long an urgent change waits for others (the nodes of a cluster reporting the same new Network a moment apart)
    /// to join its batch: however busy the feed is with counters, which never leave it quiet for <see cref="BatchSettle"/>,
    /// it does not wait out <see cref="BatchInterval"/>.
    /// </summary>
    public static readonly TimeSpan UrgentSettle = TimeSpan.FromMilliseconds(5);

    private static readonly BatchTiming<Pending> s_timing = new(BatchInterval, BatchSettle) { IsUrgent = p => p.Urgent, UrgentSettle = UrgentSettle };

    /// <summary>Changes a subscriber may have pending; past that the oldest are dropped and the batch says so.</summary>
    public const int SubscriberCapacity = 4096;

    private readonly Lock _lock = new();
    private ImmutableList<Subscriber> _subscribers = [];
    private LiveSnapshot _snapshot = LiveSnapshot.Empty;
    private Coalescer<Pending>? _coalescer;

    /// <summary>
    /// Changes are gathered into batches once, for every subscriber: a hundred open pages cost one timer per change, not a
    /// timer, a task and a wake-up each.
    /// </summary>
    private Coalescer<Pending> Batches => _coalescer ??= new Coalescer<Pending>(s_timing, timeProvider, Deliver, SubscriberCapacity);

    public LiveSnapshot Current => Volatile.Read(ref _snapshot);

    public int SubscriberCount => _subscribers.Count;

    public LiveSubscription Subscribe(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var subscriber = new Subscriber(_snapshot.Version);
            _subscribers = _subscribers.Add(subscriber);
            return new LiveSubscription(_snapshot, ReadAsync(subscriber, cancellationToken));
        }
    }

    private async IAsyncEnumerable<LiveBatch> ReadAsync(Subscriber subscriber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await subscriber.WaitAsync(cancellationToken);
                if (subscriber.Take() is { } taken)
                {
                    yield return new LiveBatch(Current, taken.Changes, taken.Overflowed);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers = _subscribers.Remove(subscriber);
            }
        }
    }

    /// <summary>Hands a batch to every subscriber (on the coalescer's lock: batches go out in order).</summary>
    private void Deliver(Pending[] batch)
    {
        var changes = new LiveChange[batch.Length];
        for (var i = 0; i < changes.Length; i++)
        {
            changes[i] = batch[i].Change;
        }

        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Add(changes);
        }
    }

    /// <summary>Applies a mutation to the snapshot and tells every subscriber; a mutation returning null changes nothing.</summary>
    private void Mutate(Func<LiveSnapshot, long, (LiveSnapshot Next, Pending Change)?> mutation)
    {
        lock (_lock)
        {
            var version = _snapshot.Version + 1;
            if (mutation(_snapshot, version) is not { } result)
            {
                return;
            }

            Volatile.Write(ref _snapshot, result.Next);
            if (!_subscribers.IsEmpty)
            {
                Batches.Add(result.Change);
            }
        }
    }

    /// <summary>The snapshot after a change and the change, urgent or not (see <see cref="UrgentSettle"/>).</summary>
    private static (LiveSnapshot, Pending) Changed(LiveSnapshot next, LiveChangeKind kind, string name, long version, bool urgent = false) =>
        (next with { Version = version }, new Pending(new LiveChange(kind, name, version), urgent));

    /// <summary>
    /// Whether a node's change is one an admin waits to see: a node new to the console, connected or disconnected, marked
    /// stale or back, or with other VRFs (a Network applied, failed or gone). Counters, tunnels' and interfaces' state alone are not.
    /// </summary>
    private static bool IsUrgent(NodeView? before, NodeView after) =>
        before is null || before.Connected != after.Connected || before.Stale != after.Stale
        || (before.Vrfs != after.Vrfs && !before.Vrfs.SequenceEqual(after.Vrfs));

    /// <summary>A change on its way to a subscriber, and whether it ends the gathering of its batch early.</summary>
    private readonly record struct Pending(LiveChange Change, bool Urgent);

    /// <summary>
    /// One reader's batches not yet taken: it takes all of them at once, as one batch. Bounded: past
    /// <see cref="SubscriberCapacity"/> changes the oldest are dropped and the next batch says so.
    /// </summary>
    private sealed class Subscriber(long subscribedAt)
    {
        private readonly Lock _lock = new();
        private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        private readonly List<LiveChange[]> _pending = [];
        private int _count;
        private bool _overflowed;

        /// <summary>Takes a batch; changes made before the subscription (in the snapshot it started from) are left out.</summary>
        public void Add(LiveChange[] changes)
        {
            if (changes.Length == 0 || changes[^1].Version <= subscribedAt)
            {
                return;
            }

            if (changes[0].Version <= subscribedAt)
            {
                changes = changes[Array.FindIndex(changes, c => c.Version > subscribedAt)..];
            }

            lock (_lock)
            {
                _pending.Add(changes);
                _count += changes.Length;
                if (_count > SubscriberCapacity)
                {
                    DropOldest(_count - SubscriberCapacity);
                    _overflowed = true;
                }
            }

            _doorbell.Writer.TryWrite(true);
        }

        public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _doorbell.Reader.ReadAsync(cancellationToken);

        /// <summary>Everything pending, as one list; null when an earlier take had it all.</summary>
        public (IReadOnlyList<LiveChange> Changes, bool Overflowed)? Take()
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    return null;
                }

                IReadOnlyList<LiveChange> changes = _pending.Count == 1 ? _pending[0] : [.. _pending.SelectMany(p => p)];
                var taken = (changes, _overflowed);
                _pending.Clear();
                _count = 0;
                _overflowed = false;
                return taken;
            }
        }

        private void DropOldest(int excess)
        {
            var whole = 0;
            while (excess >= _pending[whole].Length)
            {
                excess -= _pending[whole].Length;
                whole++;
            }

            _pending.RemoveRange(0, whole);
            if (excess > 0)
            {
                _pending[0] = _pending[0][excess..];
            }

            _count = SubscriberCapacity;
        }
    }

    internal static bool SameVersion(V3Network a, V3Network b) =>
        a.Metadata.ResourceVersion is { } version && version == b.Metadata.ResourceVersion;
}
