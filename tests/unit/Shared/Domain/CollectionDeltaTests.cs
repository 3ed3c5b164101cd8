using System.Collections.Immutable;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Domain;

/// <summary>Applying a delta keeps what it did not change: the same item instances, the same array when nothing changed.</summary>
public sealed class CollectionDeltaTests
{
    private static readonly ImmutableArray<TunnelStatus> s_tunnels =
        [SampleInventory.Tunnel("blue", "node-2"), SampleInventory.Tunnel("blue", "node-3"), SampleInventory.Tunnel("red", "node-2")];

    [Fact]
    public void ApplyTo_CounterMoves_ReplacesThatItemAndKeepsTheOthers()
    {
        var moved = SampleInventory.Tunnel("blue", "node-3", rxPackets: 99);

        var after = new CollectionDelta<TunnelStatus>([moved], []).ApplyTo(s_tunnels);

        Assert.Equal(["blue/node-2", "blue/node-3", "red/node-2"], after.Select(t => t.Key));
        Assert.Same(s_tunnels[0], after[0]);
        Assert.Equal(moved, after[1]);
        Assert.Same(s_tunnels[2], after[2]);
    }

    [Fact]
    public void ApplyTo_UpsertsEqualToWhatIsHeld_ReturnsTheSameArray()
    {
        var copies = new CollectionDelta<TunnelStatus>([s_tunnels[1] with { }, s_tunnels[0] with { }], []);

        var after = copies.ApplyTo(s_tunnels);

        Assert.True(after == s_tunnels, "an upsert equal by value to the item held changes nothing");
    }

    [Fact]
    public void ApplyTo_RemovalOfAKeyNotHeld_ReturnsTheSameArray()
    {
        var after = new CollectionDelta<TunnelStatus>([], ["green/node-9"]).ApplyTo(s_tunnels);

        Assert.True(after == s_tunnels);
    }

    [Fact]
    public void ApplyTo_RemovalsAndNewKeys_AreHonouredInKeyOrder()
    {
        var green = SampleInventory.Tunnel("green", "node-2");
        var aqua = SampleInventory.Tunnel("aqua", "node-4");

        var after = new CollectionDelta<TunnelStatus>([green, aqua], ["blue/node-3"]).ApplyTo(s_tunnels);

        Assert.Equal(["aqua/node-4", "blue/node-2", "green/node-2", "red/node-2"], after.Select(t => t.Key));
        Assert.Same(s_tunnels[0], after[1]);
        Assert.Same(s_tunnels[2], after[3]);
    }

    [Fact]
    public void ApplyTo_KeyRemovedAndUpserted_KeepsTheUpsert()
    {
        var down = SampleInventory.Tunnel("blue", "node-2", up: false);

        var after = new CollectionDelta<TunnelStatus>([down], ["blue/node-2"]).ApplyTo(s_tunnels);

        Assert.Equal(s_tunnels.Length, after.Length);
        Assert.Equal(down, after[0]);
    }

    [Fact]
    public void ApplyTo_SameKeyUpsertedTwice_KeepsTheLast()
    {
        var first = SampleInventory.Tunnel("blue", "node-2", rxPackets: 1);
        var last = SampleInventory.Tunnel("blue", "node-2", rxPackets: 2);

        var after = new CollectionDelta<TunnelStatus>([first, last], []).ApplyTo(s_tunnels);

        Assert.Equal(2UL, after[0].RxPackets);
    }

    [Fact]
    public void ApplyTo_ItemsNotOrderedByKey_ComeBackOrderedWithoutDuplicates()
    {
        ImmutableArray<TunnelStatus> unordered = [s_tunnels[2], s_tunnels[0], s_tunnels[2] with { Up = false }];
        var added = SampleInventory.Tunnel("blue", "node-3");

        var after = new CollectionDelta<TunnelStatus>([added], []).ApplyTo(unordered);

        Assert.Equal(["blue/node-2", "blue/node-3", "red/node-2"], after.Select(t => t.Key));
        Assert.False(after[2].Up);
    }

    [Fact]
    public void NodeApplyTo_CounterOnlyDelta_SharesTheUntouchedCollections()
    {
        var before = SampleInventory.Full();
        var moved = before.Memifs[0] with { RxPackets = before.Memifs[0].RxPackets + 1 };
        var delta = NodeReportDelta.Empty with { Memifs = new([moved], []) };

        var after = delta.ApplyTo(before);

        Assert.Equal(moved, after.Memifs[0]);
        Assert.True(after.Tunnels == before.Tunnels && after.Routes == before.Routes && after.Vrfs == before.Vrfs);
        Assert.True(after.Equivalent(NodeReportDelta.Between(before, before with { Memifs = [moved, .. before.Memifs[1..]] }).ApplyTo(before)));
    }

    [Fact]
    public void NodeApplyTo_DeltaThatChangesNothing_ReturnsTheSameInventory()
    {
        var before = SampleInventory.Full();
        var delta = NodeReportDelta.Empty with { Tunnels = new([before.Tunnels[0] with { }], []), LastApply = before.LastApply };

        Assert.Same(before, delta.ApplyTo(before));
    }

    [Fact]
    public void ApplyTo_ChangedItem_TakesTheNewValuesAndSharesTheEqualStringsOfTheItemItReplaces()
    {
        var held = SampleInventory.Memif("pod-a");
        // Decoded from a report: equal strings, but other instances.
        var decoded = new MemifStatus(new string(held.Namespace), new string(held.Pod), new string(held.Interface), new string(held.Network),
            new string(held.Socket), new string(held.Role), "vpp-native")
        {
            SwIfIndex = held.SwIfIndex, RxQueues = held.RxQueues, TxQueues = held.TxQueues, LinkUp = held.LinkUp,
            Address = new string(held.Address), Mac = "02:fe:00:00:00:99", RxPackets = held.RxPackets + 7, TxPackets = held.TxPackets,
            RxBytes = held.RxBytes, TxBytes = held.TxBytes, Drops = held.Drops,
        };

        var after = Assert.Single(new CollectionDelta<MemifStatus>([decoded], []).ApplyTo([held]));

        Assert.Equal(decoded, after);
        Assert.Same(held.Pod, after.Pod);
        Assert.Same(held.Socket, after.Socket);
        Assert.Same(held.Address, after.Address);
        Assert.Equal("vpp-native", after.Mode);
        Assert.Same(decoded.Mac, after.Mac);
    }

    [Fact]
    public void ApplyTo_ChangedTunnel_SharesTheEqualStringsOfTheTunnelItReplaces()
    {
        var held = s_tunnels[0];
        var decoded = new TunnelStatus(new string(held.Network), new string(held.PeerNode), held.Vni, new string(held.Src), "192.168.9.9", held.EncapTableId, false)
        {
            RxPackets = 1,
        };

        var after = new CollectionDelta<TunnelStatus>([decoded], []).ApplyTo(s_tunnels)[0];

        Assert.Equal(decoded, after);
        Assert.Same(held.PeerNode, after.PeerNode);
        Assert.Same(held.Src, after.Src);
        Assert.Equal("192.168.9.9", after.Dst);
    }
}
