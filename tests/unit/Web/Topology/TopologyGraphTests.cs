using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyGraphTests
{
    private static readonly TopologyQuery s_blueOpen = TopologyQuery.Parse(null, "blue", null, null, null, null, null, null);

    /// <summary>Blue expanded, and in it the pods of both nodes of a two-node mesh.</summary>
    private static readonly TopologyQuery s_podsOpen = TopologyQuery.Parse(null, "blue", null, null, null, null, null, null, "blue/node-001,blue/node-002");

    [Fact]
    public void Build_Aggregate_DrawsHostsNetworksAndVrfsButNoTunnels()
    {
        var graph = TopologyGraph.Build(TopologyStates.Mesh(3, "blue", "red"), TopologyQuery.Default);

        Assert.Equal(3, graph.Values.Count(e => e.Kind == TopologyElementKind.Host));
        Assert.Equal(2, graph.Values.Count(e => e.Kind == TopologyElementKind.Network));
        Assert.Equal(6, graph.Values.Count(e => e.Kind == TopologyElementKind.Vrf));
        Assert.DoesNotContain(graph.Values, e => e.Kind == TopologyElementKind.Tunnel);
        Assert.Contains("tunnels 3/3 up", graph[TopologyIds.Network("blue")].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExpandedNetwork_DrawsEachNodePairsTunnel()
    {
        var graph = TopologyGraph.Build(TopologyStates.Mesh(3, "blue", "red"), s_blueOpen);

        var tunnels = graph.Values.Where(e => e.Kind == TopologyElementKind.Tunnel).ToArray();
        Assert.Equal(3, tunnels.Length);
        Assert.All(tunnels, t => Assert.Equal("tunnel up", t.Classes));
        Assert.Contains(TopologyIds.Tunnel("blue", "node-002", "node-001"), graph.Keys);
        Assert.Contains("expanded", graph[TopologyIds.Network("blue")].Classes, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_OneEndReportsTunnelDown_RestylesItRedAndMarksTheNetworkDegraded()
    {
        var before = TopologyStates.Mesh(3, "blue", "red");
        var after = before.WithTunnel("node-001", "blue", "node-002", up: false);

        var diff = TopologyDiff.Between(TopologyGraph.Build(before, s_blueOpen), TopologyGraph.Build(after, s_blueOpen));

        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        var tunnel = Assert.Single(diff.Restyled, e => e.Kind == TopologyElementKind.Tunnel);
        Assert.Equal(TopologyIds.Tunnel("blue", "node-001", "node-002"), tunnel.Id);
        Assert.Equal("tunnel down", tunnel.Classes);
        Assert.Contains("node-001→node-002 vni 56 down", tunnel.Hover, StringComparison.Ordinal);
        var network = Assert.Single(diff.Restyled, e => e.Kind == TopologyElementKind.Network);
        Assert.Contains("degraded", network.Classes, StringComparison.Ordinal);
        Assert.Contains("1 down", network.Label, StringComparison.Ordinal);
        Assert.DoesNotContain(diff.Restyled, e => e.Id == TopologyIds.Network("red"));
    }

    [Fact]
    public void Build_TunnelReportedByOneEndOnly_IsMissing()
    {
        var snapshot = TopologyStates.Mesh(2, "blue").WithoutTunnel("node-002", "blue", "node-001");

        var graph = TopologyGraph.Build(snapshot, s_blueOpen);

        Assert.Equal("tunnel missing", graph[TopologyIds.Tunnel("blue", "node-001", "node-002")].Classes);
        Assert.Contains("node-002 has no tunnel to node-001", graph[TopologyIds.Tunnel("blue", "node-001", "node-002")].Hover, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_LayerHidden_RemovesItsNetworkVrfsAndTunnelsOnly()
    {
        var snapshot = TopologyStates.Mesh(3, "blue", "red");
        var hidden = s_blueOpen.Toggle("blue");

        var diff = TopologyDiff.Between(TopologyGraph.Build(snapshot, s_blueOpen), TopologyGraph.Build(snapshot, hidden));

        Assert.Equal(1 + 3 + 3, diff.Removed.Length);
        Assert.All(diff.Removed, id => Assert.Contains("blue", id, StringComparison.Ordinal));
        Assert.Empty(diff.Added);
    }

    [Fact]
    public void Diff_PodAddedThenRemoved_AddsAndRemovesThePodWithItsInterface()
    {
        var empty = TopologyStates.Mesh(2, "blue");
        var withPod = empty.WithPod("default", "samplepod", "node-001", "blue");

        var added = TopologyDiff.Between(TopologyGraph.Build(empty, s_podsOpen), TopologyGraph.Build(withPod, s_podsOpen));
        var removed = TopologyDiff.Between(TopologyGraph.Build(withPod, s_podsOpen), TopologyGraph.Build(empty, s_podsOpen));

        // Its node's group on blue appears with it (nodes before edges), and goes with it.
        Assert.Equal([TopologyIds.Group("blue", "node-001"), TopologyIds.Pod("default", "samplepod"), TopologyIds.GroupLink("blue", "node-001"),
            TopologyIds.Interface("default", "samplepod", "blue")], added.Added.Select(e => e.Id));
        var iface = added.Added[3];
        Assert.Equal((TopologyIds.Pod("default", "samplepod"), TopologyIds.Node("node-001")), (iface.Source, iface.Target));
        Assert.Equal("pending 10.0.0.2", iface.Label);
        Assert.Equal([TopologyIds.GroupLink("blue", "node-001"), TopologyIds.Interface("default", "samplepod", "blue"), TopologyIds.Group("blue", "node-001"),
            TopologyIds.Pod("default", "samplepod")], removed.Removed);
        Assert.Contains(added.Restyled, e => e.Id == TopologyIds.Node("node-001") && e.Label.Contains("1 pod", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_PodWithMemif_LabelsTheInterfaceMemifWithItsAddress()
    {
        var snapshot = TopologyStates.Mesh(2, "blue").WithPod("default", "pod-a", "node-001", "blue")
            .WithNode("node-001", n => n with { Inventory = n.Inventory with { Memifs = [Multinet.UnitTests.TestSupport.SampleInventory.Memif("pod-a")] } });

        var iface = TopologyGraph.Build(snapshot, s_podsOpen)[TopologyIds.Interface("default", "pod-a", "blue")];

        Assert.Equal("memif 172.19.0.5/32", iface.Label);
        Assert.Equal("iface memif up", iface.Classes);
    }

    [Fact]
    public void Build_ServiceOnExpandedNetwork_JoinsItsEndpointPods()
    {
        var snapshot = TopologyStates.Mesh(2, "blue").WithPod("default", "web-1", "node-001", "blue").WithPod("default", "other", "node-002", "blue")
            .WithService("default", "web", "blue", "web-1");

        var graph = TopologyGraph.Build(snapshot, s_podsOpen);

        Assert.Contains("1 endpoint", graph[TopologyIds.Service("default", "web")].Label, StringComparison.Ordinal);
        var endpoint = Assert.Single(graph.Values, e => e.Kind == TopologyElementKind.Endpoint);
        Assert.Equal(TopologyIds.Pod("default", "web-1"), endpoint.Target);
    }

    [Fact]
    public void Build_Filters_KeepMatchingNodesAndPods()
    {
        var snapshot = TopologyStates.Mesh(3, "blue").WithPod("team-a", "one", "node-001", "blue").WithPod("team-b", "two", "node-001", "blue");
        var query = s_blueOpen.ToggleGroup("blue", "node-001") with { Node = "node-001", Namespace = "team-a" };

        var graph = TopologyGraph.Build(snapshot, query);

        Assert.Equal([TopologyIds.Node("node-001")], graph.Values.Where(e => e.Kind == TopologyElementKind.Host).Select(e => e.Id));
        Assert.Equal([TopologyIds.Pod("team-a", "one")], graph.Values.Where(e => e.Kind == TopologyElementKind.Pod).Select(e => e.Id));
        Assert.DoesNotContain(graph.Values, e => e.Kind == TopologyElementKind.Tunnel);
    }

    [Fact]
    public void Build_DefaultNetworkOnRequest_JoinsEveryHost()
    {
        var snapshot = TopologyStates.Mesh(2, "blue").WithPod("default", "p", "node-002", "blue");

        var graph = TopologyGraph.Build(snapshot, TopologyQuery.Default with { ShowDefaultNetwork = true });

        Assert.Contains("1 pod", graph[TopologyIds.Network(TopologyGraph.DefaultNetwork)].Label, StringComparison.Ordinal);
        Assert.Equal(2, graph.Values.Count(e => e.Source == TopologyIds.Network(TopologyGraph.DefaultNetwork)));
        Assert.DoesNotContain(TopologyIds.Network(TopologyGraph.DefaultNetwork), TopologyGraph.Build(snapshot, TopologyQuery.Default).Keys);
    }

    [Fact]
    public void Build_SameStateTwice_GivesTheSamePlaces()
    {
        var snapshot = TopologyStates.Mesh(5, "blue", "red").WithPod("default", "p", "node-003", "blue");
        var query = s_blueOpen.ToggleGroup("blue", "node-003");

        var first = TopologyGraph.Build(snapshot, query);
        var second = TopologyGraph.Build(snapshot, query);

        Assert.All(first.Values, e => Assert.Equal((e.X, e.Y), (second[e.Id].X, second[e.Id].Y)));
        Assert.Equal(first.Values.Count(e => !e.IsEdge), first.Values.Where(e => !e.IsEdge).Select(e => (e.X, e.Y)).Distinct().Count());
    }
}
