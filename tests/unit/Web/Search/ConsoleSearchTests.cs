using Microsoft.Extensions.Time.Testing;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Search;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Search;

public sealed class ConsoleSearchTests
{
    private static LiveSnapshot Snapshot()
    {
        var live = new LiveState(new FakeTimeProvider());
        live.UpsertNetwork(TestNetworks.Blue());
        live.UpsertNetwork(TestNetworks.Red());
        live.UpsertNetwork(TestNetworks.Make("blue-backup", 57, "10.57.0.0/16"));
        live.NodeConnected("node-1", "Simulated", "1.0");
        return live.Current;
    }

    [Fact]
    public void Find_Name_ExactMatchFirstThenPrefix()
    {
        Assert.Equal(["blue", "blue-backup"], ConsoleSearch.Find(Snapshot(), "Blue").Select(r => r.Title));
    }

    [Fact]
    public void Find_Vni_FindsItsNetwork()
    {
        var result = Assert.Single(ConsoleSearch.Find(Snapshot(), "88"));

        Assert.Equal(("Network", "red", "networks/red"), (result.Kind, result.Title, result.Href));
    }

    [Fact]
    public void Find_AnAddress_FindsTheNetworksWhoseRangeHoldsIt()
    {
        Assert.Equal(["blue"], ConsoleSearch.Find(Snapshot(), "172.19.4.2").Select(r => r.Title));
    }

    [Fact]
    public void Find_NodeAndPage_LeadToThem()
    {
        Assert.Equal("nodes/node-1", Assert.Single(ConsoleSearch.Find(Snapshot(), "node-1")).Href);
        Assert.Equal("timeline", Assert.Single(ConsoleSearch.Find(Snapshot(), "timeline")).Href);
    }

    [Fact]
    public void Find_Blank_FindsNothing() => Assert.Empty(ConsoleSearch.Find(Snapshot(), "  "));
}
