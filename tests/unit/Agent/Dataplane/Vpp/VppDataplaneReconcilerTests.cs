using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>The agent's reconciler driving <see cref="VppDataplane"/> against a fake VPP on a real socket.</summary>
public sealed class VppDataplaneReconcilerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static (NodeReconciler Reconciler, NetworksOnlyViewSource Cache, NodeStatusStore Store) Agent(IDataplane dataplane)
    {
        var cache = new NetworksOnlyViewSource();
        var store = new NodeStatusStore();
        var reconciler = new NodeReconciler(dataplane, cache, new ReconcileTrigger(), store,
            Options.Create(new AgentOptions { NodeName = "node-1" }), new FakeTimeProvider(), NullLogger<NodeReconciler>.Instance);
        return (reconciler, cache, store);
    }

    private static VppDataplane Connect(FakeVppServer vpp) => new(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);

    [Fact]
    public async Task ReconcileOnce_NewNetworks_CreatesTablesInVppAndReportsThemApplied()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var (reconciler, cache, store) = Agent(dataplane);
        using var _ = reconciler;
        cache.Replace([TestNetworks.Blue(), TestNetworks.Red()]);

        var ops = await reconciler.ReconcileOnceAsync(Token);

        Assert.Equal(2, ops.Count);
        Assert.Equal(2, vpp.CountOf("ip_table_add_del"));
        var dumped = await dataplane.DumpTablesAsync(Token);
        Assert.Contains(new DataplaneTable(56, false, "multinet:blue"), dumped);
        Assert.Contains(new DataplaneTable(88, false, "multinet:red"), dumped);
        Assert.All(store.Current.Vrfs, v => Assert.Equal(VrfState.Applied, v.State));
        Assert.Equal(["blue", "red"], store.Current.Vrfs.Select(v => v.Network));
    }

    [Fact]
    public async Task ReconcileOnce_AgentRestartedOnInSyncNode_SendsNoAddOrDelete()
    {
        await using var vpp = new FakeVppServer();
        await using (var first = Connect(vpp))
        {
            var (reconciler, cache, _) = Agent(first);
            using var __ = reconciler;
            cache.Replace([TestNetworks.Blue(), TestNetworks.Red()]);
            await reconciler.ReconcileOnceAsync(Token);
        }

        var addDelBefore = vpp.CountOf("ip_table_add_del");
        await using var restarted = Connect(vpp);
        var (again, againCache, againStore) = Agent(restarted);
        using var ___ = again;
        againCache.Replace([TestNetworks.Red(), TestNetworks.Blue()]);

        var ops = await again.ReconcileOnceAsync(Token);

        Assert.Empty(ops);
        Assert.Equal(2, addDelBefore);
        Assert.Equal(addDelBefore, vpp.CountOf("ip_table_add_del"));
        Assert.Equal(2, vpp.CountOf("sockclnt_create"));
        Assert.Equal(2, againStore.Current.Vrfs.Length);
        Assert.All(againStore.Current.Vrfs, v => Assert.Equal(VrfState.Applied, v.State));
    }

    [Fact]
    public async Task ReconcileOnce_NetworkDeleted_DeletesItsTableInVpp()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var (reconciler, cache, store) = Agent(dataplane);
        using var _ = reconciler;
        cache.Replace([TestNetworks.Blue(), TestNetworks.Red()]);
        await reconciler.ReconcileOnceAsync(Token);

        cache.Remove("red");
        var ops = await reconciler.ReconcileOnceAsync(Token);

        Assert.Equal([new DataplaneOperation.DeleteTable(new(88, false, "multinet:red"))], ops);
        Assert.DoesNotContain(vpp.State.Tables, t => t.Name == "multinet:red");
        Assert.Equal(["blue"], store.Current.Vrfs.Select(v => v.Network));
    }
}
