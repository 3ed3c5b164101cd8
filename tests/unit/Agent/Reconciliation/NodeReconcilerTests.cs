using Multinet.Agent.Dataplane;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Reconciliation;

public sealed class NodeReconcilerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string[] OurTables(SimulatedDataplane dataplane) =>
        [.. dataplane.Tables.Where(t => t.TableId != 0).Select(t => $"{t.TableId}/{(t.IsIpv6 ? 6 : 4)}/{t.Name}")];

    [Fact]
    public async Task ReconcileOnce_NewNetworks_CreatesTablesAndReportsApplied()
    {
        using var harness = new ReconcilerHarness();
        harness.Cache.Replace([TestNetworks.Blue(), TestNetworks.Red()]);

        var ops = await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.Equal(2, ops.Count);
        Assert.Equal(["56/4/multinet:blue", "88/4/multinet:red"], OurTables(harness.Dataplane));
        var now = harness.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(
            [
                new VrfStatus("blue", 56, VrfState.Applied, null, 1, now),
                new VrfStatus("red", 88, VrfState.Applied, null, 1, now),
            ],
            harness.Store.Current.Vrfs);
    }

    [Fact]
    public async Task ReconcileOnce_NetworkDeleted_RemovesItsTableAndStatus()
    {
        using var harness = new ReconcilerHarness();
        harness.Cache.Replace([TestNetworks.Blue(), TestNetworks.Red()]);
        await harness.Reconciler.ReconcileOnceAsync(Token);

        harness.Cache.Remove("red");
        var ops = await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.Equal([new DataplaneOperation.DeleteTable(new(88, false, "multinet:red"))], ops);
        Assert.Equal(["56/4/multinet:blue"], OurTables(harness.Dataplane));
        Assert.Equal(["blue"], harness.Store.Current.Vrfs.Select(v => v.Network));
    }

    [Fact]
    public async Task ReconcileOnce_VniEdited_ReplacesTheTable()
    {
        using var harness = new ReconcilerHarness();
        harness.Cache.Replace([TestNetworks.Blue()]);
        await harness.Reconciler.ReconcileOnceAsync(Token);
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        harness.Cache.Upsert(TestNetworks.Blue(vni: 57, generation: 2));
        await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.Equal(["57/4/multinet:blue"], OurTables(harness.Dataplane));
        Assert.Equal(new VrfStatus("blue", 57, VrfState.Applied, null, 2, harness.Time.GetUtcNow().UtcDateTime),
            Assert.Single(harness.Store.Current.Vrfs));
    }

    [Fact]
    public async Task ReconcileOnce_OneNetworkFails_ReportsErrorForItAndAppliesTheOthers()
    {
        using var harness = new ReconcilerHarness();
        harness.Dataplane.FailureInjector = op => op.Network == "red" ? new DataplaneException("injected: out of FIB memory") : null;
        harness.Cache.Replace([TestNetworks.Red(), TestNetworks.Blue(), TestNetworks.Make("green", 77, "fd00:19::/64")]);

        await harness.Reconciler.ReconcileOnceAsync(Token);

        var statuses = harness.Store.Current.Vrfs.ToDictionary(v => v.Network);
        Assert.Equal(VrfState.Applied, statuses["blue"].State);
        Assert.Equal(VrfState.Applied, statuses["green"].State);
        Assert.Equal(VrfState.Error, statuses["red"].State);
        Assert.Contains("injected: out of FIB memory", statuses["red"].Error, StringComparison.Ordinal);
        Assert.Null(statuses["red"].AppliedAt);
        Assert.Equal(["56/4/multinet:blue", "77/6/multinet:green"], OurTables(harness.Dataplane));
    }

    [Fact]
    public async Task ReconcileOnce_NewReconcilerOverInSyncDataplane_IssuesNoOperations()
    {
        var dataplane = new SimulatedDataplane();
        using (var first = new ReconcilerHarness(dataplane))
        {
            first.Cache.Replace([TestNetworks.Blue(), TestNetworks.Red()]);
            await first.Reconciler.ReconcileOnceAsync(Token);
        }

        var operationsBefore = dataplane.OperationCount;
        using var restarted = new ReconcilerHarness(dataplane);
        restarted.Cache.Replace([TestNetworks.Red(), TestNetworks.Blue()]);

        var ops = await restarted.Reconciler.ReconcileOnceAsync(Token);

        Assert.Empty(ops);
        Assert.Equal(operationsBefore, dataplane.OperationCount);
        Assert.All(restarted.Store.Current.Vrfs, v => Assert.Equal(VrfState.Applied, v.State));
        Assert.Equal(2, restarted.Store.Current.Vrfs.Length);
    }

    [Fact]
    public async Task ReconcileOnce_NothingChanged_KeepsAppliedAtAndPublishesNothingNew()
    {
        using var harness = new ReconcilerHarness();
        harness.Cache.Replace([TestNetworks.Blue()]);
        await harness.Reconciler.ReconcileOnceAsync(Token);
        var first = harness.Store.Current;
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.Same(first, harness.Store.Current);
        Assert.Equal(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), Assert.Single(harness.Store.Current.Vrfs).AppliedAt);
    }

    [Fact]
    public async Task ReconcileOnce_TableIdHeldByForeignTable_ReportsErrorAndLeavesItAlone()
    {
        using var harness = new ReconcilerHarness();
        harness.Dataplane.Seed(new DataplaneTable(56, false, "uplink-vrf"));
        harness.Cache.Replace([TestNetworks.Blue()]);

        var ops = await harness.Reconciler.ReconcileOnceAsync(Token);

        Assert.Empty(ops);
        Assert.Equal(["56/4/uplink-vrf"], OurTables(harness.Dataplane));
        var status = Assert.Single(harness.Store.Current.Vrfs);
        Assert.Equal(VrfState.Error, status.State);
        Assert.Contains("uplink-vrf", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileOnce_PlannerProblem_ReportsError()
    {
        using var harness = new ReconcilerHarness();
        harness.Cache.Replace([TestNetworks.Blue(), TestNetworks.Make("bad", 4096, "172.30.0.0/16", generation: 4)]);

        await harness.Reconciler.ReconcileOnceAsync(Token);

        var bad = harness.Store.Current.Vrfs.Single(v => v.Network == "bad");
        Assert.Equal(VrfState.Error, bad.State);
        Assert.Equal(4, bad.Generation);
        Assert.StartsWith("spec.vni", bad.Error, StringComparison.Ordinal);
        Assert.Equal(["56/4/multinet:blue"], OurTables(harness.Dataplane));
    }

    [Fact]
    public async Task Execute_BurstOfTriggers_CoalescesIntoOneReconcile()
    {
        using var harness = new ReconcilerHarness();
        harness.Cache.Replace([TestNetworks.Blue()]);
        for (var i = 0; i < 50; i++)
        {
            harness.Trigger.Request();
        }

        await harness.Reconciler.StartAsync(Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60)); // reached only on failure
        await harness.Store.WaitForChangeAsync(0, timeout.Token);
        await harness.Reconciler.StopAsync(Token);

        Assert.Equal("blue", Assert.Single(harness.Store.Current.Vrfs).Network);
        Assert.Equal(["56/4/multinet:blue"], OurTables(harness.Dataplane));
        // 50 requests, one pass: dump, add, dump again (a second pass would dump a third time; the fake clock never reaches the resync)
        Assert.Equal(2, harness.Dataplane.DumpCount);
    }

    [Fact]
    public async Task Execute_ResyncIntervalPasses_ReconcilesWithoutATrigger()
    {
        using var harness = new ReconcilerHarness();
        harness.Cache.Replace([TestNetworks.Blue()]);
        await harness.Reconciler.StartAsync(Token);

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60)); // reached only on failure
        await harness.Store.WaitForChangeAsync(0, timeout.Token);
        await harness.Reconciler.StopAsync(Token);

        Assert.Equal(["56/4/multinet:blue"], OurTables(harness.Dataplane));
    }
}
