using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyDetailsTests
{
    [Fact]
    public void Describe_Tunnel_GivesBothEndsAndLinksToTheNetworkAndNodes()
    {
        var snapshot = TopologyStates.Mesh(2, "blue").WithTunnel("node-002", "blue", "node-001", up: false);

        var details = TopologyDetailsBuilder.Describe(snapshot, TopologyIds.Tunnel("blue", "node-002", "node-001"));

        Assert.NotNull(details);
        Assert.Equal(("State", "down"), details.Rows[0]);
        Assert.Equal(["networks/blue", "nodes/node-001", "nodes/node-002"], details.Links.Select(l => l.Href));
    }

    [Fact]
    public void Describe_Pod_ListsItsInterfacesByNetwork()
    {
        var snapshot = TopologyStates.Mesh(2, "blue", "red").WithPod("default", "samplepod", "node-001", "blue", "red");

        var details = TopologyDetailsBuilder.Describe(snapshot, TopologyIds.Pod("default", "samplepod"));

        Assert.NotNull(details);
        Assert.Contains(("eth1", "blue: 10.0.0.2"), details.Rows);
        Assert.Contains(("eth2", "red: 10.1.0.2"), details.Rows);
        Assert.Contains(("Node node-001", "nodes/node-001"), details.Links);
    }

    [Fact]
    public void Describe_Interface_LinksToTheNodesMemifs()
    {
        var snapshot = TopologyStates.Mesh(2, "blue").WithPod("default", "samplepod", "node-001", "blue");

        var details = TopologyDetailsBuilder.Describe(snapshot, TopologyIds.Interface("default", "samplepod", "blue"));

        Assert.NotNull(details);
        Assert.Contains(details.Links, l => l.Href == "memif?node=node-001&network=blue");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nonsense")]
    [InlineData("node:ghost")]
    [InlineData("pod:default/ghost")]
    [InlineData("tunnel:too/few")]
    public void Describe_UnknownOrMalformed_IsNull(string? id)
    {
        Assert.Null(TopologyDetailsBuilder.Describe(TopologyStates.Mesh(1, "blue"), id));
    }

    [Fact]
    public void Find_PodByName_SelectsItAndNamesTheNetworkAndNodeToExpand()
    {
        var snapshot = TopologyStates.Mesh(2, "blue", "red").WithPod("default", "samplepod", "node-001", "red");

        Assert.Equal(new TopologySearch.Hit(TopologyIds.Pod("default", "samplepod"), "red", "node-001"), TopologySearch.Find(snapshot, "SAMPLE"));
        Assert.Equal(new TopologySearch.Hit(TopologyIds.Node("node-002"), null), TopologySearch.Find(snapshot, "node-002"));
        Assert.Equal(new TopologySearch.Hit(TopologyIds.Network("red"), null), TopologySearch.Find(snapshot, "red"));
        Assert.Null(TopologySearch.Find(snapshot, "nothing-like-it"));
    }
}
