using Multinet.Agent.Kubernetes;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A cluster view of Networks only (no nodes, pods, services or policies) that a test fills by hand, for reconciler tests
/// that need nothing else; synced once the first <see cref="Replace"/> is taken in, as after the agent's first list.
/// </summary>
internal sealed class NetworksOnlyViewSource : IClusterViewSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, V3Network> _networks = new(StringComparer.Ordinal);
    private bool _synced;

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

    public ClusterView Snapshot()
    {
        lock (_lock)
        {
            return new() { Networks = [.. _networks.Values] };
        }
    }

    /// <summary>Replaces every Network, as a fresh list does.</summary>
    public void Replace(IEnumerable<V3Network> networks)
    {
        lock (_lock)
        {
            _networks.Clear();
            foreach (var network in networks)
            {
                _networks[network.Metadata.Name] = network;
            }

            _synced = true;
        }
    }

    public void Upsert(V3Network network)
    {
        lock (_lock)
        {
            _networks[network.Metadata.Name] = network;
        }
    }

    public void Remove(string name)
    {
        lock (_lock)
        {
            _networks.Remove(name);
        }
    }
}
