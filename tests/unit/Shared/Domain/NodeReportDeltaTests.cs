using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Domain;

public sealed class NodeReportDeltaTests
{
    [Fact]
    public void Between_SameInventory_IsEmpty()
    {
        var inventory = SampleInventory.Full();

        Assert.True(NodeReportDelta.Between(inventory, inventory with { }).IsEmpty);
    }

    [Fact]
    public void Between_OneMemifCounterMoves_CarriesOnlyThatMemif()
    {
        var before = SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a"), SampleInventory.Memif("pod-c")] };
        var after = before with { Memifs = [SampleInventory.Memif("pod-a"), SampleInventory.Memif("pod-c", rxPackets: 500)] };

        var delta = NodeReportDelta.Between(before, after);

        Assert.Equal(["default/pod-c/memif1"], delta.Memifs.Upserted.Select(m => m.Key));
        Assert.Equal(1, delta.UpsertedCount);
        Assert.Equal(0, delta.RemovedCount);
        Assert.Null(delta.LastApply);
    }

    [Fact]
    public void Between_ServiceBackendsChange_UpsertsTheService()
    {
        var before = SampleInventory.Full();
        var after = before with { Services = [before.Services[0] with { Backends = ["172.19.0.5:8080"] }] };

        var delta = NodeReportDelta.Between(before, after);

        Assert.Equal(["172.19.0.5:8080"], Assert.Single(delta.Services.Upserted).Backends);
    }

    [Fact]
    public void Between_VrfLists_KeepsTheVrfShape()
    {
        var blue = new VrfStatus("blue", 56, VrfState.Applied, null, 1, null);
        var red = new VrfStatus("red", 88, VrfState.Pending, null, 1, null);

        var delta = NodeReportDelta.Between([blue, red], [blue with { RouteCount = 3 }]);

        Assert.Equal([blue with { RouteCount = 3 }], delta.Upserted);
        Assert.Equal(["red"], delta.RemovedNetworks);
        Assert.Equal(delta.Upserted, delta.Vrfs.Upserted);
    }

    [Fact]
    public void ApplyTo_KeepsEachCollectionOrderedByKey()
    {
        var delta = NodeReportDelta.Empty with
        {
            Routes = new([new RouteStatus("blue", "10.0.0.1/32", "x"), new RouteStatus("blue", "10.0.0.0/24", "y")], ["blue/172.19.0.5/32"]),
        };

        var after = delta.ApplyTo(SampleInventory.Full());

        Assert.Equal(["blue/10.0.0.0/24", "blue/10.0.0.1/32", "blue/172.19.1.0/24"], after.Routes.Select(r => r.Key));
    }
}
