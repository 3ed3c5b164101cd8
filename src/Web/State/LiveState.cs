using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Multinet.Shared.Crds;
using Multinet.Shared.Threading;

namespace Multinet.Web.State;

/// <summary>
/// The one shared in-memory model the console shows: Networks from the Kubernetes watch cache, nodes from the
/// agents' reports. Every mutation makes a new immutable <see cref="LiveSnapshot"/> and one <see cref="LiveChange"/>
/// per subscriber; subscribers read coalesced batches, so a burst of changes costs a handful of renders.
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

    /// <summary>Changes a subscriber may have pending; past that the oldest are dropped and the batch says so.</summary>
    public const int SubscriberCapacity = 4096;

    private readonly Lock _lock = new();
    private ImmutableList<Subscriber> _subscribers = [];
    private LiveSnapshot _snapshot = LiveSnapshot.Empty;

    public LiveSnapshot Current => Volatile.Read(ref _snapshot);

    public int SubscriberCount => _subscribers.Count;

    public LiveSubscription Subscribe(CancellationToken cancellationToken)
    {
        var subscriber = new Subscriber();
        lock (_lock)
        {
            _subscribers = _subscribers.Add(subscriber);
            return new LiveSubscription(_snapshot, ReadAsync(subscriber, cancellationToken));
        }
    }

    private async IAsyncEnumerable<LiveBatch> ReadAsync(Subscriber subscriber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var changes in subscriber.Channel.Reader.ReadBatchesAsync(BatchInterval, BatchSettle, timeProvider, cancellationToken))
            {
                yield return new LiveBatch(Current, changes, subscriber.TakeOverflow());
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers = _subscribers.Remove(subscriber);
            }

            subscriber.Channel.Writer.TryComplete();
        }
    }

    /// <summary>Applies a mutation to the snapshot and tells every subscriber; a mutation returning null changes nothing.</summary>
    private void Mutate(Func<LiveSnapshot, long, (LiveSnapshot Next, LiveChange Change)?> mutation)
    {
        lock (_lock)
        {
            var version = _snapshot.Version + 1;
            if (mutation(_snapshot, version) is not { } result)
            {
                return;
            }

            Volatile.Write(ref _snapshot, result.Next);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Channel.Writer.TryWrite(result.Change);
            }
        }
    }

    private static (LiveSnapshot, LiveChange) Changed(LiveSnapshot next, LiveChangeKind kind, string name, long version) =>
        (next with { Version = version }, new LiveChange(kind, name, version));

    private sealed class Subscriber
    {
        private int _overflowed;

        public Subscriber() =>
            Channel = System.Threading.Channels.Channel.CreateBounded<LiveChange>(
                new BoundedChannelOptions(SubscriberCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Exchange(ref _overflowed, 1));

        public Channel<LiveChange> Channel { get; }

        public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;
    }

    internal static bool SameVersion(V3Network a, V3Network b) =>
        a.Metadata.ResourceVersion is { } version && version == b.Metadata.ResourceVersion;
}
