using System.Collections.Immutable;
using Multinet.Agent.Kubernetes;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A cluster view a test edits by hand that tracks changes as the agent's cache does: an upsert or delete of a Network
/// is that Network's change, any other edit is broad. <see cref="AfterSnapshot"/> runs once right after the next snapshot
/// is taken, so a test can change the cluster while a pass is under way.
/// </summary>
internal sealed class ChangeTrackingViewSource(ClusterView view) : IClusterViewSource
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _networks = new(StringComparer.Ordinal);
    private ClusterView _view = view;
    private bool _everything = true;

    public bool IsSynced => true;

    public Action? AfterSnapshot { get; set; }

    public ClusterView Snapshot()
    {
        lock (_lock)
        {
            return _view;
        }
    }

    public (ClusterView View, PlannerChanges Changes) TakeSnapshot()
    {
        (ClusterView, PlannerChanges) taken;
        lock (_lock)
        {
            taken = (_view, _everything ? PlannerChanges.All : new PlannerChanges(false, [.. _networks]));
            _everything = false;
            _networks.Clear();
        }

        var after = AfterSnapshot;
        AfterSnapshot = null;
        after?.Invoke();
        return taken;
    }

    public void Upsert(V3Network network)
    {
        lock (_lock)
        {
            _view = _view with { Networks = [.. _view.Networks.Where(n => n.Metadata.Name != network.Metadata.Name), network] };
            _networks.Add(network.Metadata.Name);
        }
    }

    public void Delete(string network)
    {
        lock (_lock)
        {
            _view = _view with { Networks = [.. _view.Networks.Where(n => n.Metadata.Name != network)] };
            _networks.Add(network);
        }
    }

    /// <summary>A broad edit (pods, nodes, services...): the next pass is a full one.</summary>
    public void Edit(Func<ClusterView, ClusterView> edit)
    {
        lock (_lock)
        {
            _view = edit(_view);
            _everything = true;
        }
    }

    public ImmutableArray<V3Network> Networks => Snapshot().Networks;
}
