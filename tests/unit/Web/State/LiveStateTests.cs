using Microsoft.Extensions.Time.Testing;
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

    private static VrfStatus Vrf(string network, uint table) => new(network, table, VrfState.Applied, null, 1, DateTime.UnixEpoch);
}
