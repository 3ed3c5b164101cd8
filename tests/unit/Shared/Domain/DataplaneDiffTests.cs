using Multinet.Shared.Crds;
using Multinet.Shared.Domain;

namespace Multinet.UnitTests.Shared.Domain;

public sealed class DataplaneDiffTests
{
    private static readonly DataplaneTable s_default4 = new(0, false, "ipv4-VRF:0");
    private static readonly DataplaneTable s_default6 = new(0, true, "ipv6-VRF:0");

    private static NodePlan Plan(params V3Network[] networks) => Planner.Plan("node-1", networks);

    [Fact]
    public void Compute_NewNetworks_AddsTheirTablesInIdOrder()
    {
        var ops = DataplaneDiff.Compute(Plan(V3Network.Create("red", 88, "172.20.0.0/16"), V3Network.Create("blue", 56, "172.19.0.0/16")),
            [s_default4, s_default6]);

        Assert.Equal(
            [
                new DataplaneOperation.AddTable(new(56, false, "multinet:blue")),
                new DataplaneOperation.AddTable(new(88, false, "multinet:red")),
            ],
            ops);
    }

    [Fact]
    public void Compute_InSync_IsEmpty()
    {
        var ops = DataplaneDiff.Compute(Plan(V3Network.Create("blue", 56, "172.19.0.0/16")),
            [s_default4, s_default6, new(56, false, "multinet:blue")]);

        Assert.Empty(ops);
    }

    [Fact]
    public void Compute_NetworkGone_DeletesItsTable()
    {
        var ops = DataplaneDiff.Compute(Plan(V3Network.Create("blue", 56, "172.19.0.0/16")),
            [s_default4, new(56, false, "multinet:blue"), new(88, false, "multinet:red")]);

        Assert.Equal([new DataplaneOperation.DeleteTable(new(88, false, "multinet:red"))], ops);
    }

    [Fact]
    public void Compute_VniChanged_AddsTheNewTableThenDeletesTheOld()
    {
        var ops = DataplaneDiff.Compute(Plan(V3Network.Create("blue", 57, "172.19.0.0/16")),
            [s_default4, new(56, false, "multinet:blue")]);

        Assert.Equal(
            [
                new DataplaneOperation.AddTable(new(57, false, "multinet:blue")),
                new DataplaneOperation.DeleteTable(new(56, false, "multinet:blue")),
            ],
            ops);
    }

    [Fact]
    public void Compute_RangeMovedToIpv6_ReplacesTheTableInTheOtherFamily()
    {
        var ops = DataplaneDiff.Compute(Plan(V3Network.Create("blue", 56, "fd00:19::/64")), [new(56, false, "multinet:blue")]);

        Assert.Equal(
            [
                new DataplaneOperation.AddTable(new(56, true, "multinet:blue")),
                new DataplaneOperation.DeleteTable(new(56, false, "multinet:blue")),
            ],
            ops);
    }

    [Fact]
    public void Compute_ForeignTables_AreNeverTouched()
    {
        // 88 is someone else's table; 56 is wanted by blue but held by a foreign table of the same id.
        var ops = DataplaneDiff.Compute(Plan(V3Network.Create("blue", 56, "172.19.0.0/16")),
            [s_default4, new(56, false, "calico-pods"), new(88, false, "uplink-vrf"), new(99, true, "")]);

        Assert.Empty(ops);
    }

    [Fact]
    public void Compute_EmptyPlan_NeverTouchesTableZero()
    {
        var ops = DataplaneDiff.Compute(Plan(), [new(0, false, "multinet:odd"), s_default6, new(56, false, "multinet:blue")]);

        Assert.Equal([new DataplaneOperation.DeleteTable(new(56, false, "multinet:blue"))], ops);
    }
}
