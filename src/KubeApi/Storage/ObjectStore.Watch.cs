using System.Text.Json.Nodes;
using System.Threading.Channels;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Storage;

internal sealed partial class ObjectStore
{
    private readonly LinkedList<StoreEvent> _history = new();
    private readonly List<Watcher> _watchers = [];

    /// <summary>The oldest resourceVersion a watch can resume from; older ones are answered with 410 Expired.</summary>
    private long _windowStart;

    /// <summary>How many watches are open (for tests and diagnostics).</summary>
    public int WatcherCount
    {
        get
        {
            lock (_state)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>
    /// Starts a watch of one resource. Without <paramref name="fromRevision"/> the watch begins with a synthetic ADDED
    /// per current object; with it, with the retained events after it, or throws Expired when those are gone.
    /// The initial events and the live feed are taken under one lock, so no change is missed or sent twice.
    /// </summary>
    /// <remarks><paramref name="matches"/> is null for a watch without selectors: its changes are then never parsed.</remarks>
    public WatchSubscription Subscribe(ResourceDescriptor resource, string? ns, long? fromRevision, Func<JsonObject, bool>? matches)
    {
        bool Wanted(StoreEvent e) => e.Key.Group == resource.Group && e.Key.Plural == resource.Plural
            && (ns is null || e.Key.Namespace == ns) && (matches is null || matches(e.Read()));

        var channel = Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(Math.Max(1, options.Value.WatcherBuffer))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var watcher = new Watcher(channel, Wanted, Selective: matches is not null);
        lock (_state)
        {
            List<StoreEvent> initial;
            if (fromRevision is { } from)
            {
                if (from < _windowStart)
                {
                    throw Http.KubeStatus.Expired(from, _windowStart);
                }

                initial = _history.Where(e => e.ResourceVersion > from && Wanted(e)).ToList();
            }
            else
            {
                initial = [.. (_indexes.TryGetValue((resource.Group, resource.Plural), out var index) ? index.Snapshot(ns) : [])
                    .OrderBy(o => o.ResourceVersion)
                    .Select(o => new StoreEvent("ADDED", o.Key, o.ResourceVersion, o.Json))
                    .Where(Wanted)];
            }

            _watchers.Add(watcher);
            return new WatchSubscription(initial, channel.Reader, _revision, () => Unsubscribe(watcher));
        }
    }

    private void Unsubscribe(Watcher watcher)
    {
        lock (_state)
        {
            _watchers.Remove(watcher);
        }

        watcher.Channel.Writer.TryComplete();
    }

    /// <summary>Applies a committed change to memory, the retained history and every interested watcher.</summary>
    private void Publish(ObjectKey key, WriteAction action, long revision, MemoryObject stored)
    {
        lock (_state)
        {
            string type;
            if (action is WriteAction.Delete)
            {
                Forget(key);
                type = "DELETED";
            }
            else
            {
                type = _objects.ContainsKey(key) ? "MODIFIED" : "ADDED";
                Keep(stored);
            }

            _revision = revision;
            logger.LogDebug("Committed {EventType} {Resource}/{Name} at resourceVersion {ResourceVersion}", type, key.Plural, key.Name, revision);
            var change = new StoreEvent(type, key, revision, stored.Json);
            _history.AddLast(change);
            while (_history.Count > Math.Max(1, options.Value.WatchHistory))
            {
                _windowStart = _history.First!.Value.ResourceVersion;
                _history.RemoveFirst();
            }

            if (_watchers.Exists(w => w.Selective))
            {
                change.Hold(); // one parse for every selector, dropped below: the window keeps only the JSON
            }

            for (var i = _watchers.Count - 1; i >= 0; i--)
            {
                var watcher = _watchers[i];
                if (watcher.Wanted(change) && !watcher.Channel.Writer.TryWrite(change))
                {
                    // A slow reader never stalls the writer or other watchers: it is cut off and re-lists.
                    _watchers.RemoveAt(i);
                    watcher.Channel.Writer.TryComplete(new WatcherOverflowException());
                    logger.LogWarning("A watch of {Resource} fell {Buffer} events behind and was closed", key.Plural, options.Value.WatcherBuffer);
                }
            }

            change.Release();
        }
    }

    private sealed record Watcher(Channel<StoreEvent> Channel, Func<StoreEvent, bool> Wanted, bool Selective);
}
