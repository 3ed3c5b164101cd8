using Multinet.Agent.Dataplane;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Agent.Reconciliation;

/// <summary>The reconciler over the examples' full cluster view on the simulated dataplane: apply, failures, restart, counters.</summary>
public sealed class NodeReconcilerInventoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ReconcilerHarness Examples(SimulatedDataplane? dataplane = null) => new(dataplane) { View = View() };

    [Fact]
    public async Task ReconcileOnce_Examples_AppliesTheWholeDataplaneAndPublishesItsInventory()
    {
        using var harness = Examples();

        var ops = await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.Equal(13, ops.Count);
        var inventory = harness.Store.Current.Inventory;
        Assert.Equal(["blue Applied 2", "red Applied 1"], inventory.Vrfs.Select(v => $"{v.Network} {v.State} {v.RouteCount}"));
        Assert.Equal(["blue/node-2", "blue/node-3", "red/node-2", "red/node-3"], inventory.Tunnels.Select(t => t.Key));
        Assert.All(inventory.Tunnels, t => Assert.True(t.Up && t.SwIfIndex > 0 && t.Error is null));
        var memif = Assert.Single(inventory.Memifs);
        Assert.Equal(
            ("default/samplepod/memif-eth2", "red", "/run/vpp/memif/default-samplepod-memif-eth2.sock", "master", "ethernet", 1, false, "172.20.0.5/32"),
            (memif.Key, memif.Network, memif.Socket, memif.Role, memif.Mode, memif.RxQueues, memif.LinkUp, memif.Address));
        var tap = Assert.Single(inventory.Taps);
        Assert.Equal(("default/samplepod/eth1", "172.19.0.5/32", "tap0", true), (tap.Key, tap.Address, tap.HostInterface, tap.LinkUp));
        Assert.Equal(
            ["blue/172.19.0.5/32 default/samplepod/eth1", "blue/172.19.0.9/32 node-2", "red/172.20.0.5/32 default/samplepod/memif-eth2"],
            inventory.Routes.Select(r => $"{r.Key} {r.Via}"));
        Assert.Equal(["172.19.0.5:9376", "172.19.0.9:9376"], Assert.Single(inventory.Services).Backends);
        var binding = Assert.Single(inventory.Policies);
        Assert.Equal(("default/samplepod/memif-eth2", "red", 1), (binding.Key, binding.Network, binding.RuleCount));
        Assert.Equal([new PolicyRuleStatus("default/my-policy", "ingress", "Allow", "TCP") { Ports = ["7809"] }], binding.Rules);
        Assert.Matches("^02:fe(:[0-9a-f]{2}){4}$", memif.Mac);
        Assert.Matches("^02:fe(:[0-9a-f]{2}){4}$", tap.Mac);
        Assert.NotEqual(memif.Mac, tap.Mac);
        Assert.Empty(inventory.Errors);
        Assert.Equal(new ApplyStats(harness.Time.GetUtcNow().UtcDateTime, 0, 13, 0), inventory.LastApply);
    }

    [Fact]
    public async Task ReconcileOnce_OneTunnelRefused_AppliesEverythingElseAndReportsIt()
    {
        using var harness = Examples();
        harness.Dataplane.FailureInjector = op => op is DataplaneOperation.AddTunnel { Tunnel: { Network: "blue", PeerNode: "node-3" } }
            ? new DataplaneException("injected: vxlan tunnel refused", "VNET_API_ERROR_INVALID_VALUE")
            : null;

        await harness.Reconciler.ReconcileOnceAsync(Token);

        var inventory = harness.Store.Current.Inventory;
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(("tunnel blue/node-3", "blue"), (error.Object, error.Network));
        Assert.Equal("Adding vxlan tunnel 10.0.0.1 -> 10.0.0.3 vni 56 failed: injected: vxlan tunnel refused", error.Message);
        Assert.Equal(error.Message, inventory.Tunnels.Single(t => t.Key == "blue/node-3").Error);
        Assert.False(inventory.Tunnels.Single(t => t.Key == "blue/node-3").Up);
        Assert.Equal(3, inventory.Tunnels.Count(t => t.Up));
        Assert.Equal(3, inventory.Routes.Length);
        Assert.Equal((13, 1), (inventory.LastApply!.Operations, inventory.LastApply.Failures));
        Assert.Equal(VrfState.Error, inventory.Vrfs.Single(v => v.Network == "blue").State);
        Assert.Equal(VrfState.Applied, inventory.Vrfs.Single(v => v.Network == "red").State);
    }

    [Fact]
    public async Task ReconcileOnce_TableRefused_SkipsWhatDependsOnItAndReportsEachSkip()
    {
        using var harness = Examples();
        harness.Dataplane.FailureInjector = op => op is DataplaneOperation.AddTable { Table.TableId: 88 } ? new DataplaneException("injected: no FIB memory") : null;

        var ops = await harness.Reconciler.ReconcileOnceAsync(Token);

        var errors = harness.Store.Current.Inventory.Errors;
        Assert.Equal(
            [
                "interface default/samplepod/memif-eth2", "policy binding default/samplepod/memif-eth2", "route red/172.20.0.5/32",
                "table red", "tunnel red/node-2", "tunnel red/node-3",
            ],
            errors.Select(e => e.Object));
        Assert.Equal("Adding memif default/samplepod/memif-eth2 skipped: table 88 could not be added.", errors[0].Message);
        Assert.Equal("Binding 1 policy rules to default/samplepod/memif-eth2 skipped: its interface default/samplepod/memif-eth2 could not be added.", errors[1].Message);
        Assert.Equal(ops.Count - 5, harness.Dataplane.OperationCount); // the 5 skipped calls were never sent
        Assert.Equal(["blue/node-2", "blue/node-3"], harness.Store.Current.Inventory.Tunnels.Where(t => t.Up).Select(t => t.Key));
    }

    [Fact]
    public async Task ReconcileOnce_AfterAFailure_RetriesOnlyWhatIsMissingAndClearsTheErrors()
    {
        using var harness = Examples();
        harness.Dataplane.FailureInjector = op => op is DataplaneOperation.AddTable { Table.TableId: 88 } ? new DataplaneException("injected") : null;
        await harness.Reconciler.ReconcileOnceAsync(Token);
        harness.Dataplane.FailureInjector = null;

        var ops = await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.All(ops, op => Assert.Equal("red", op.Network));
        Assert.Equal(6, ops.Count);
        Assert.Empty(harness.Store.Current.Inventory.Errors);
        Assert.All(harness.Store.Current.Inventory.Vrfs, v => Assert.Equal(VrfState.Applied, v.State));
    }

    [Fact]
    public async Task ReconcileOnce_AgentRestartedOnInSyncNode_IssuesNoOperationsAndReportsTheSameDataplane()
    {
        var dataplane = new SimulatedDataplane();
        using (var first = Examples(dataplane))
        {
            await first.Reconciler.ReconcileOnceAsync(Token);
        }

        var before = dataplane.OperationCount;
        using var restarted = Examples(dataplane);

        var ops = await restarted.Reconciler.ReconcileOnceAsync(Token);

        Assert.Empty(ops);
        Assert.Equal(before, dataplane.OperationCount);
        var inventory = restarted.Store.Current.Inventory;
        Assert.Equal((4, 1, 1, 3), (inventory.Tunnels.Length, inventory.Memifs.Length, inventory.Taps.Length, inventory.Routes.Length));
        Assert.Null(inventory.LastApply); // this agent has applied nothing yet
    }

    [Fact]
    public async Task ReconcileOnce_APolicyRuleEdited_TheReportCarriesTheRuleNowEnforced()
    {
        using var harness = Examples();
        await harness.Reconciler.ReconcileOnceAsync(Token);
        var policy = View().Policies[0];

        harness.View = View() with
        {
            Policies = [policy with { Ingress = [policy.Ingress[0], policy.Ingress[1] with { Action = "Deny", SourceNets = ["10.9.0.0/16"], DestinationPorts = ["7000:7999"] }] }],
        };
        var ops = await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.Single(ops, o => o is DataplaneOperation.BindPolicy);
        var rule = Assert.Single(Assert.Single(harness.Store.Current.Inventory.Policies).Rules);
        Assert.Equal(new PolicyRuleStatus("default/my-policy", "ingress", "Deny", "TCP") { Nets = ["10.9.0.0/16"], Ports = ["7000:7999"] }, rule);
    }

    [Fact]
    public async Task ReconcileOnce_NetworkDeleted_RemovesEverythingItCreatedFromTheDataplane()
    {
        using var harness = Examples();
        await harness.Reconciler.ReconcileOnceAsync(Token);

        harness.View = View() with { Networks = [View().Networks[0]] };
        await harness.Reconciler.ReconcileOnceAsync(Token);

        var state = await harness.Dataplane.DumpAsync(Token);
        Assert.DoesNotContain(state.Tables, t => t.TableId == 88);
        Assert.DoesNotContain(state.Tunnels, t => t.Spec.Vni == 88);
        Assert.DoesNotContain(state.Interfaces, i => i.Spec.TableId == 88);
        Assert.DoesNotContain(state.Routes, r => r.TableId == 88);
        Assert.Empty(state.Policies);
        Assert.Equal(["/run/vpp/memif.sock"], harness.Dataplane.MemifSockets.Keys);
        Assert.Equal(["blue"], harness.Store.Current.Inventory.Vrfs.Select(v => v.Network));
        Assert.Empty(harness.Store.Current.Inventory.Errors);
    }

    [Fact]
    public async Task RefreshCounters_RepublishesMovingCountersWithoutReconciling()
    {
        using var harness = Examples();
        await harness.Reconciler.ReconcileOnceAsync(Token);
        var operations = harness.Dataplane.OperationCount;
        var version = harness.Store.Current.Version;

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Reconciler.RefreshCountersAsync(Token); // the memif's application connects
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Reconciler.RefreshCountersAsync(Token);

        var inventory = harness.Store.Current.Inventory;
        Assert.Equal(version + 2, harness.Store.Current.Version);
        Assert.True(Assert.Single(inventory.Memifs).LinkUp);
        Assert.True(inventory.Memifs[0].RxPackets > 0);
        Assert.True(inventory.Taps[0].RxPackets > inventory.Memifs[0].RxPackets); // up one tick longer
        Assert.All(inventory.Tunnels, t => Assert.True(t.RxPackets > 0 && t.TxBytes > 0));
        Assert.Equal(operations, harness.Dataplane.OperationCount);
    }

    [Fact]
    public async Task Execute_CountersInterval_PublishesFreshCountersBetweenReconciles()
    {
        using var harness = Examples();
        harness.Trigger.Request();
        await harness.Reconciler.StartAsync(Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60)); // reached only on failure
        await harness.Store.WaitForChangeAsync(0, timeout.Token);
        var reconciled = harness.Store.Current;

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Store.WaitForChangeAsync(reconciled.Version, timeout.Token);
        await harness.Reconciler.StopAsync(Token);

        Assert.False(Assert.Single(reconciled.Inventory.Memifs).LinkUp);
        Assert.True(Assert.Single(harness.Store.Current.Inventory.Memifs).LinkUp);
        Assert.Equal(reconciled.Inventory.LastApply, harness.Store.Current.Inventory.LastApply);
    }
}
