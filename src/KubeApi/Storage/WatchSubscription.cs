using System.Threading.Channels;

namespace Multinet.KubeApi.Storage;

/// <summary>
/// A registered watch: the events to send first (a synthetic ADDED per object, or the retained events after the
/// requested resourceVersion), then the live events. Dispose to unregister.
/// </summary>
internal sealed class WatchSubscription(IReadOnlyList<StoreEvent> initial, ChannelReader<StoreEvent> live, long revision, Action unsubscribe)
    : IDisposable
{
    public IReadOnlyList<StoreEvent> Initial { get; } = initial;

    public ChannelReader<StoreEvent> Live { get; } = live;

    /// <summary>The store's revision when the watch started: the resourceVersion of a first bookmark.</summary>
    public long Revision { get; } = revision;

    public void Dispose() => unsubscribe();
}
