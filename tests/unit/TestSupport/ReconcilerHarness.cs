using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Cluster;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A <see cref="NodeReconciler"/> for node-1 wired to a <see cref="SimulatedDataplane"/> and a fake clock, reading
/// either the Networks-only <see cref="Cache"/> or, once <see cref="View"/> is set, a full cluster view.
/// </summary>
internal sealed class ReconcilerHarness : IDisposable
{
    private readonly SwitchableViewSource _source;

    public ReconcilerHarness(SimulatedDataplane? dataplane = null, FakeTimeProvider? time = null)
    {
        Dataplane = dataplane ?? new SimulatedDataplane();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        _source = new SwitchableViewSource(Cache);
        Reconciler = new NodeReconciler(Dataplane, _source, Trigger, Store,
            Options.Create(new AgentOptions { NodeName = "node-1", ResyncInterval = TimeSpan.FromSeconds(30), CountersInterval = TimeSpan.FromSeconds(1) }),
            Time, NullLogger<NodeReconciler>.Instance);
    }

    public SimulatedDataplane Dataplane { get; }

    public FakeTimeProvider Time { get; }

    public NetworksOnlyViewSource Cache { get; } = new();

    /// <summary>A full cluster view to plan from instead of <see cref="Cache"/>; null: the cache.</summary>
    public ClusterView? View
    {
        get => _source.View;
        set => _source.View = value;
    }

    public ReconcileTrigger Trigger { get; } = new();

    public NodeStatusStore Store { get; } = new();

    public NodeReconciler Reconciler { get; }

    public void Dispose() => Reconciler.Dispose();

    private sealed class SwitchableViewSource(IClusterViewSource cache) : IClusterViewSource
    {
        public ClusterView? View { get; set; }

        public bool IsSynced => View is not null || cache.IsSynced;

        public ClusterView Snapshot() => View ?? cache.Snapshot();
    }
}
