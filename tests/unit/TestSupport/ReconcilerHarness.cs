using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;

namespace Multinet.UnitTests.TestSupport;

/// <summary>A <see cref="NodeReconciler"/> wired to a <see cref="SimulatedDataplane"/>, a cache and a fake clock.</summary>
internal sealed class ReconcilerHarness : IDisposable
{
    public ReconcilerHarness(SimulatedDataplane? dataplane = null, FakeTimeProvider? time = null)
    {
        Dataplane = dataplane ?? new SimulatedDataplane();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        Reconciler = new NodeReconciler(Dataplane, Cache, Trigger, Store,
            Options.Create(new AgentOptions { NodeName = "node-1", ResyncInterval = TimeSpan.FromSeconds(30) }),
            Time, NullLogger<NodeReconciler>.Instance);
    }

    public SimulatedDataplane Dataplane { get; }

    public FakeTimeProvider Time { get; }

    public NetworkCache Cache { get; } = new();

    public ReconcileTrigger Trigger { get; } = new();

    public NodeStatusStore Store { get; } = new();

    public NodeReconciler Reconciler { get; }

    public void Dispose() => Reconciler.Dispose();
}
