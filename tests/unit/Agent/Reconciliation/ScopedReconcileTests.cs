using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Reconciliation;

/// <summary>
/// A change of some Networks reconciled scoped to what they touch leaves the node exactly as re-planning the whole node
/// does, step after step (<see cref="ScopedReconcileScenario"/>): on the simulated dataplane and on the VPP driver against
/// the fake VPP.
/// </summary>
public sealed class ScopedReconcileTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScopedPasses_OnTheSimulatedDataplane_LeaveTheSameNodeAsFullPasses()
    {
        using var scenario = new ScopedReconcileScenario(new SimulatedDataplane(), new SimulatedDataplane());

        await scenario.RunAsync(Token);
    }

    [Fact]
    public async Task ScopedPasses_OnTheVppDriver_LeaveTheSameVppAsFullPasses()
    {
        await using var scopedVpp = new FakeVppServer();
        await using var fullVpp = new FakeVppServer();
        await using var scoped = new VppDataplane(scopedVpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        await using var full = new VppDataplane(fullVpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        using var scenario = new ScopedReconcileScenario(scoped, full);

        await scenario.RunAsync(Token);
    }
}
