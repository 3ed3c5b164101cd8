using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.State;

public sealed class LiveStateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly LiveState _live;

    public LiveStateTests() => _live = new LiveState(_time);

    [Fact]
    public async Task Subscribe_BurstOf500Changes_ArrivesInAHandfulOfBatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscription = _live.Subscribe(ct);
        await using var batches = subscription.Batches.GetAsyncEnumerator(ct);

        _live.UpsertNetwork(TestNetworks.Blue());
        Assert.True(await batches.MoveNextAsync());
        Assert.Single(batches.Current.Changes);

        for (var i = 0; i < 500; i++)
        {
            _live.NodeConnected($"node-{i:D3}", "Simulated", "1.0");
        }

        var next = batches.MoveNextAsync();
        Assert.False(next.IsCompleted);               // nothing is delivered before the batch interval has passed
        _time.Advance(LiveState.BatchInterval);
        Assert.True(await next);
        Assert.Equal(500, batches.Current.Changes.Count);
        Assert.Equal(500, batches.Current.Snapshot.Nodes.Count);
        Assert.False(batches.Current.Overflowed);
    }

    [Fact]
    public async Task Subscribe_HundredSubscribers_ShareOneBatchingOfABurst()
    {
        // A hundred open pages: the burst is gathered once for all of them (one timer moved per change), not once each.
        var ct = TestContext.Current.CancellationToken;
        var time = new SchedulingFakeTimeProvider();
        var live = new LiveState(time);
        var readers = Enumerable.Range(0, 100).Select(_ => live.Subscribe(ct).Batches.GetAsyncEnumerator(ct)).ToList();
        live.UpsertNetwork(TestNetworks.Blue());
        foreach (var reader in readers)
        {
            Assert.True(await reader.MoveNextAsync());
        }

        var before = time.TimersSet;
        for (var i = 0; i < 50; i++)
        {
            live.NodeConnected($"node-{i:D2}", "Simulated", "1.0");
        }

        Assert.Equal(50, time.TimersSet - before);
        time.Advance(LiveState.BatchInterval);
        foreach (var reader in readers)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(120), ct)); // the ceiling is reached only on failure
            Assert.Equal(50, reader.Current.Changes.Count);
            await reader.DisposeAsync();
        }

        Assert.Equal(0, live.SubscriberCount);
    }

    [Fact]
    public async Task Subscribe_WhileABurstIsGathered_GetsOnlyTheChangesAfterItsSnapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = _live.Subscribe(ct).Batches.GetAsyncEnumerator(ct);
        _live.UpsertNetwork(TestNetworks.Blue());
        Assert.True(await first.MoveNextAsync());
        _live.NodeConnected("node-1", "Simulated", "1.0"); // gathered, not yet out

        var late = _live.Subscribe(ct);
        await using var second = late.Batches.GetAsyncEnumerator(ct);
        _live.NodeConnected("node-2", "Simulated", "1.0");
        _time.Advance(LiveState.BatchInterval);

        Assert.Contains("node-1", late.Snapshot.Nodes.Keys);
        Assert.True(await first.MoveNextAsync());
        Assert.Equal(["node-1", "node-2"], first.Current.Changes.Select(c => c.Name));
        Assert.True(await second.MoveNextAsync());
        Assert.Equal(["node-2"], second.Current.Changes.Select(c => c.Name));
    }

    [Fact]
    public void Subscribe_ReturnsSnapshotTakenWithTheSubscription()
    {
        _live.UpsertNetwork(TestNetworks.Blue());

        var subscription = _live.Subscribe(TestContext.Current.CancellationToken);

        Assert.Equal(["blue"], subscription.Snapshot.Networks.Keys);
    }

    [Fact]
    public async Task Subscribe_SubscriberFallsBehind_BatchSaysOverflowedAndMemoryStaysBounded()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscription = _live.Subscribe(ct);
        await using var batches = subscription.Batches.GetAsyncEnumerator(ct);

        for (var i = 0; i < LiveState.SubscriberCapacity + 10; i++)
        {
            _live.NodeSeen("node-1");
        }

        Assert.True(await batches.MoveNextAsync());
        Assert.True(batches.Current.Overflowed);
        Assert.Equal(LiveState.SubscriberCapacity, batches.Current.Changes.Count);
    }

    [Fact]
    public void UpsertNetwork_SameResourceVersion_IsNotAChange()
    {
        _live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        var version = _live.Current.Version;

        _live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));

        Assert.Equal(version, _live.Current.Version);
    }

    [Fact]
    public void ReplaceNetworks_AfterRelist_RemovesVanishedNetworks()
    {
        _live.UpsertNetwork(TestNetworks.Blue());
        _live.UpsertNetwork(TestNetworks.Red());

        _live.ReplaceNetworks([TestNetworks.Red()]);

        Assert.Equal(["red"], _live.Current.Networks.Keys);
    }

    [Fact]
    public void NodeDelta_AppliesUpsertsAndRemovals()
    {
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeSnapshot("node-1", [Vrf("blue", 56), Vrf("red", 88)]);

        _live.NodeDelta("node-1", new NodeReportDelta([Vrf("green", 77)], ["red"]));

        Assert.Equal(["blue", "green"], _live.Current.Nodes["node-1"].Vrfs.Select(v => v.Network));
    }

    [Fact]
    public void NodeDisconnected_KeepsLastReportReadable()
    {
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeSnapshot("node-1", [Vrf("blue", 56)]);

        _live.NodeDisconnected("node-1");

        var node = _live.Current.Nodes["node-1"];
        Assert.False(node.Connected);
        Assert.Single(node.Vrfs);
    }

    [Fact]
    public void NodeDelta_NodeWithoutMemifs_KeepsItsCounterSamples()
    {
        // Pages that follow memif counters (/memif) compare the samples by reference: a node without memifs reporting its
        // VRFs must not look like a node whose counters moved.
        _live.NodeSnapshot("node-1", [Vrf("blue", 56)]);
        var samples = _live.Current.Nodes["node-1"].MemifSamples;

        _live.NodeDelta("node-1", new NodeReportDelta([Vrf("green", 77)], []));

        Assert.Same(samples, _live.Current.Nodes["node-1"].MemifSamples);
        Assert.Equal(2, _live.Current.Nodes["node-1"].Vrfs.Length);
    }

    [Fact]
    public void NodeSnapshotThenDelta_HoldsTheWholeInventory()
    {
        var before = SampleInventory.Full();
        _live.NodeSnapshot("node-1", before);
        var after = before with { Taps = [], Tunnels = [before.Tunnels[0]], LastApply = new ApplyStats(SampleInventory.AppliedAt, 1, 1, 0) };

        _live.NodeDelta("node-1", NodeReportDelta.Between(before, after));

        var node = _live.Current.Nodes["node-1"];
        Assert.True(after.Equivalent(node.Inventory));
        Assert.Equal(after.Vrfs, node.Vrfs);
        Assert.Equal((1, 1), (node.TunnelsUp, node.Inventory.Tunnels.Length));
    }

    [Fact]
    public void MemifRate_IsTheCounterChangeOverTheTimeBetweenTheLastTwoReports()
    {
        _live.NodeSnapshot("node-1", SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 1_000, rxBytes: 64_000)] });
        Assert.Null(_live.Current.Nodes["node-1"].MemifRate("default/pod-a/memif1"));

        _time.Advance(TimeSpan.FromSeconds(2));
        _live.NodeDelta("node-1", NodeReportDelta.Empty with
        {
            Memifs = new([SampleInventory.Memif("pod-a", rxPackets: 5_000, rxBytes: 320_000)], []),
        });

        var rate = _live.Current.Nodes["node-1"].MemifRate("default/pod-a/memif1");
        Assert.Equal(new CounterRate(2_000, 0, 128_000, 0), rate);
    }

    [Fact]
    public void MemifRxHistory_KeepsTheRateOfEachReportUpToTheLastThirty()
    {
        _live.NodeSnapshot("node-1", SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 0, rxBytes: 0)] });
        for (var i = 1; i <= 35; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _live.NodeDelta("node-1", NodeReportDelta.Empty with
            {
                Memifs = new([SampleInventory.Memif("pod-a", rxPackets: (ulong)(i * i * 10), rxBytes: 0)], []),
            });
        }

        var history = _live.Current.Nodes["node-1"].MemifSamples["default/pod-a/memif1"].RxPpsHistory;

        Assert.Equal(MemifSamples.HistoryLength, history.Length);
        Assert.Equal(Enumerable.Range(6, 30).Select(i => (double)((i * i) - ((i - 1) * (i - 1))) * 10), history);
    }

    [Fact]
    public void MemifRate_CounterReset_ReadsZeroAndRemovedMemifsLoseTheirSamples()
    {
        _live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 1_000), SampleInventory.Memif("pod-c")] });
        _time.Advance(TimeSpan.FromSeconds(1));

        _live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 10)] });

        var node = _live.Current.Nodes["node-1"];
        Assert.Equal(0, node.MemifRate("default/pod-a/memif1")!.Value.RxPacketsPerSecond);
        Assert.Equal(["default/pod-a/memif1"], node.MemifSamples.Keys);
    }

    [Fact]
    public async Task NodeDelta_CounterBurst_ArrivesAsOneBatch()
    {
        var ct = TestContext.Current.CancellationToken;
        _live.NodeSnapshot("node-1", SampleInventory.Full());
        var subscription = _live.Subscribe(ct);
        await using var batches = subscription.Batches.GetAsyncEnumerator(ct);
        _live.NodeSeen("node-1");
        Assert.True(await batches.MoveNextAsync()); // a quiet feed delivers the first change at once

        for (var i = 0UL; i < 200; i++)
        {
            _live.NodeDelta("node-1", NodeReportDelta.Empty with { Memifs = new([SampleInventory.Memif("pod-a", rxPackets: i)], []) });
        }

        var next = batches.MoveNextAsync();
        Assert.False(next.IsCompleted);
        _time.Advance(LiveState.BatchInterval);
        Assert.True(await next);
        Assert.Equal(199UL, Assert.Single(batches.Current.Snapshot.Nodes["node-1"].Inventory.Memifs).RxPackets);
        Assert.Equal(200, batches.Current.Changes.Count);
    }

    private static VrfStatus Vrf(string network, uint table) => new(network, table, VrfState.Applied, null, 1, DateTime.UnixEpoch);

    [Fact]
    public void UsageOf_NodeReportsBetweenSnapshots_ReusesTheUsageUntilObjectsOrNetworksChange()
    {
        _live.UpsertNetwork(TestNetworks.Blue());
        _live.ReplaceObjects("test", _ => Objects("default/a"));
        var first = LiveState.UsageOf(_live.Current);

        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeSnapshot("node-1", SampleInventory.Full());

        Assert.Same(first, LiveState.UsageOf(_live.Current));
        Assert.Same(LiveState.ViewOf(_live.Current), LiveState.ViewOf(_live.Current));
        Assert.Equal(["default/a"], first["blue"].Pods);

        _live.ReplaceObjects("test", _ => Objects("default/a", "default/b"));
        Assert.Equal(["default/a", "default/b"], LiveState.UsageOf(_live.Current)["blue"].Pods);

        _live.UpsertNetwork(TestNetworks.Red());
        var withRed = LiveState.UsageOf(_live.Current);
        Assert.Equal(["blue", "red"], withRed.Keys.Order(StringComparer.Ordinal));
        Assert.False(withRed["red"].InUse);
    }

    private static ClusterObjects Objects(params string[] pods) => new()
    {
        Synced = true,
        Nads = LiveState.Keyed([new ClusterNad("default", "blue-conf", "blue", "calico", "whereabouts", null)], n => n.Key),
        Pods = LiveState.Keyed(pods.Select(p => new ClusterPod("default", p.Split('/')[1], "node-1")
        {
            Attachments = [new PodAttachment("default", "blue-conf", "eth1", ["172.19.0.4"], null)],
        }), p => p.Key),
    };
}
