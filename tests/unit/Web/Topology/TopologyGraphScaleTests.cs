using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyGraphScaleTests
{
    [Fact]
    public void Build_TwoHundredNodes_AggregateCountsInsteadOfDrawingEveryVrf()
    {
        var snapshot = TopologyStates.Mesh(200, "n00", "n01", "n02", "n03", "n04", "n05");
        for (var i = 0; i < 2000; i++)
        {
            snapshot = snapshot.WithPod($"ns-{i % 20}", $"pod-{i:D5}", $"node-{(i % 200) + 1:D3}", $"n0{i % 6}");
        }

        var graph = TopologyGraph.Build(snapshot, TopologyQuery.Default);

        Assert.Equal(206, graph.Count);
        Assert.Contains("334 pods · tunnels 19,900/19,900 up", graph[TopologyIds.Network("n00")].Label, StringComparison.Ordinal);
        Assert.Contains("10 pods", graph[TopologyIds.Node("node-001")].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LargeExpandedNetwork_DrawsOnlyTunnelsThatAreNotUp()
    {
        var snapshot = TopologyStates.Mesh(200, "blue").WithTunnel("node-010", "blue", "node-020", up: false);

        var graph = TopologyGraph.Build(snapshot, TopologyQuery.Default.ToggleExpanded("blue"));

        var tunnel = Assert.Single(graph.Values, e => e.Kind == TopologyElementKind.Tunnel);
        Assert.Equal(TopologyIds.Tunnel("blue", "node-010", "node-020"), tunnel.Id);
        Assert.Equal("tunnel down", tunnel.Classes);
    }
}
