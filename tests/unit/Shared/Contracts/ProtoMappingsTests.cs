using Google.Protobuf;
using Multinet.Contracts.Agent.V1;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Contracts;

public sealed class ProtoMappingsTests
{
    [Fact]
    public void Snapshot_FullInventory_RoundTripsThroughTheWire()
    {
        var inventory = SampleInventory.Full();

        var bytes = NodeSnapshot.FromDomain(3, inventory).ToByteArray();
        var back = NodeSnapshot.Parser.ParseFrom(bytes).ToInventory();

        Assert.True(inventory.Equivalent(back));
        Assert.Equal(4, Assert.Single(back.Vrfs).RouteCount);
        Assert.Equal(["172.19.0.5:8080", "172.19.0.6:8080"], Assert.Single(back.Services).Backends);
        Assert.Equal([true, false], back.Tunnels.Select(t => t.Up));
    }

    [Fact]
    public void Snapshot_WithoutLastApply_MapsToNull()
    {
        var back = NodeSnapshot.Parser.ParseFrom(NodeSnapshot.FromDomain(1, NodeInventory.Empty).ToByteArray()).ToInventory();

        Assert.Null(back.LastApply);
        Assert.True(NodeInventory.Empty.Equivalent(back));
    }

    [Fact]
    public void Delta_FullInventory_RoundTripsAndAppliesToTheSameResult()
    {
        var before = SampleInventory.Full();
        var after = before with
        {
            Tunnels = [SampleInventory.Tunnel("blue", "node-2", rxPackets: 99), before.Tunnels[1]],
            Memifs = [],
            Routes = [.. before.Routes, new RouteStatus("blue", "172.19.2.0/24", "node-3")],
            Errors = [],
            LastApply = new ApplyStats(SampleInventory.AppliedAt.AddMinutes(1), 3, 2, 0),
        };

        var delta = NodeReportDelta.Between(before, after);
        var back = NodeDelta.Parser.ParseFrom(NodeDelta.FromDomain(4, delta).ToByteArray()).ToDomain();

        Assert.Equal(["blue/node-2"], back.Tunnels.Upserted.Select(t => t.Key));
        Assert.Equal(["default/pod-a/memif1"], back.Memifs.Removed);
        Assert.Equal(["blue/172.19.2.0/24"], back.Routes.Upserted.Select(r => r.Key));
        Assert.Equal(["tunnel blue/node-3"], back.Errors.Removed);
        Assert.Equal(after.LastApply, back.LastApply);
        Assert.True(back.Vrfs.IsEmpty && back.Taps.IsEmpty && back.Services.IsEmpty && back.Policies.IsEmpty);
        Assert.True(after.Equivalent(back.ApplyTo(before)));
    }

    [Theory]
    [InlineData("tunnel-src", "tunnel[blue/node-2].src \"not-an-ip\" is not an IP address.")]
    [InlineData("tunnel-state", "tunnel[blue/node-2].state 7 is not a known link state.")]
    [InlineData("tunnel-network", "tunnel.network is empty.")]
    [InlineData("memif-pod", "memif[default].pod is empty.")]
    [InlineData("memif-address", "memif[default/pod-a/memif1].address \"10.0.0.300/32\" is not an IP address or prefix.")]
    [InlineData("route-prefix", "route[blue/10.0.0.0/33].prefix \"10.0.0.0/33\" is not an IP address or prefix.")]
    [InlineData("service-backend", "service[default/web].backends[1] \"db\" is not an address with a port.")]
    [InlineData("service-port", "service[default/web].port 0 is not a port (1..65535).")]
    [InlineData("error-object", "error.object is empty.")]
    [InlineData("last-apply-at", "last_apply.at is missing.")]
    public void Snapshot_MalformedItem_IsRejectedNamingTheField(string defect, string expected)
    {
        var snapshot = NodeSnapshot.FromDomain(1, SampleInventory.Full());
        Break(snapshot, defect);

        var error = Assert.Throws<FormatException>(snapshot.ToInventory);

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Snapshot_TwoItemsWithOneKey_IsRejectedNamingTheCollectionAndKey()
    {
        var snapshot = NodeSnapshot.FromDomain(1, SampleInventory.Full());
        snapshot.Tunnels[1].PeerNode = "node-2";

        var error = Assert.Throws<FormatException>(snapshot.ToInventory);

        Assert.Equal("tunnels has two items keyed \"blue/node-2\".", error.Message);
    }

    [Fact]
    public void Delta_EmptyRemovedKey_IsRejectedNamingTheField()
    {
        var delta = new NodeDelta { Sequence = 2 };
        delta.RemovedMemifs.Add("default/pod-a/memif1");
        delta.RemovedMemifs.Add("");

        var error = Assert.Throws<FormatException>(delta.ToDomain);

        Assert.Equal("removed_memifs[1] is empty.", error.Message);
    }

    private static void Break(NodeSnapshot snapshot, string defect)
    {
        switch (defect)
        {
            case "tunnel-src": snapshot.Tunnels[0].Src = "not-an-ip"; break;
            case "tunnel-state": snapshot.Tunnels[0].State = (LinkState)7; break;
            case "tunnel-network": snapshot.Tunnels[0].Network = ""; break;
            case "memif-pod": snapshot.Memifs[0].Pod = ""; break;
            case "memif-address": snapshot.Memifs[0].Address = "10.0.0.300/32"; break;
            case "route-prefix": snapshot.Routes[0].Prefix = "10.0.0.0/33"; break;
            case "service-backend": snapshot.Services[0].Backends[1] = "db"; break;
            case "service-port": snapshot.Services[0].Port = 0; break;
            case "error-object": snapshot.Errors[0].Object = ""; break;
            case "last-apply-at": snapshot.LastApply.At = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }
    }
}
