using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// The agent's local view of the cluster's Networks, keyed by name; filled by the watcher, read by the reconciler.
/// As an <see cref="IClusterViewSource"/> it offers a view with Networks only (no nodes, pods, services or policies).
/// </summary>
internal sealed class NetworkCache : IClusterViewSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, V3Network> _networks = new(StringComparer.Ordinal);
    private bool _synced;

    /// <summary>True once a full list has been taken in: before that an empty cache means "unknown", not "none".</summary>
    public bool IsSynced
    {
        get
        {
            lock (_lock)
            {
                return _synced;
            }
        }
    }

    public IReadOnlyList<V3Network> Snapshot()
    {
        lock (_lock)
        {
            return [.. _networks.Values];
        }
    }

    ClusterView IClusterViewSource.Snapshot() => new() { Networks = [.. Snapshot()] };

    public V3Network? Get(string name)
    {
        lock (_lock)
        {
            return _networks.GetValueOrDefault(name);
        }
    }

    /// <summary>Replaces the whole view with a fresh list; entries that vanished are dropped. Returns true when anything changed.</summary>
    public bool Replace(IEnumerable<V3Network> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var fresh = networks.Where(n => !string.IsNullOrEmpty(n.Metadata?.Name)).ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        lock (_lock)
        {
            var changed = !_synced || fresh.Count != _networks.Count
                || fresh.Any(f => !_networks.TryGetValue(f.Key, out var old) || !SameDesiredState(old, f.Value));
            _networks.Clear();
            foreach (var (name, network) in fresh)
            {
                _networks[name] = network;
            }

            _synced = true;
            return changed;
        }
    }

    /// <summary>Stores an added or modified Network. Returns true when its desired state changed (not for status-only updates).</summary>
    public bool Upsert(V3Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var name = network.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        lock (_lock)
        {
            var changed = !_networks.TryGetValue(name, out var old) || !SameDesiredState(old, network);
            _networks[name] = network;
            return changed;
        }
    }

    /// <summary>Drops a deleted Network. Returns true when it was known.</summary>
    public bool Remove(string name)
    {
        lock (_lock)
        {
            return _networks.Remove(name);
        }
    }

    // The spec is versioned by metadata.generation; without one (some API servers), compare the spec itself.
    private static bool SameDesiredState(V3Network a, V3Network b) =>
        a.Metadata.Generation is { } ga && b.Metadata.Generation is { } gb
            ? ga == gb && a.Metadata.Uid == b.Metadata.Uid
            : a.Spec?.Vni == b.Spec?.Vni && a.Spec?.Range == b.Spec?.Range && a.Spec?.PhysicalNetworkName == b.Spec?.PhysicalNetworkName;
}
