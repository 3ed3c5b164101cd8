using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

/// <summary>An expanded network stays aggregated by node (one group per node, its pods and VMs counted); an expanded group draws its members.</summary>
public sealed class TopologyGroupTests
{
    private static readonly TopologyQuery s_blueOpen = TopologyQuery.Default.ToggleExpanded("blue");

    private static Multinet.Web.State.LiveSnapshot ThreeNodes() => TopologyStates.Mesh(3, "blue", "red")
        .WithPod("default", "a1", "node-001", "blue").WithPod("default", "a2", "node-001", "blue").WithPod("default", "a3", "node-001", "blue")
        .WithPod("default", "b1", "node-002", "blue").WithPod("default", "c1", "node-003", "red");

    [Fact]
    public void Build_ExpandedNetwork_DrawsOneGroupPerNodeWithItsPodCountAndNoPods()
    {
        var graph = TopologyGraph.Build(ThreeNodes(), s_blueOpen);

        var groups = graph.Values.Where(e => e.Kind == TopologyElementKind.Group).ToDictionary(e => e.Id, e => e.Label);
        Assert.Equal(new Dictionary<string, string> { [TopologyIds.Group("blue", "node-001")] = "3 pods", [TopologyIds.Group("blue", "node-002")] = "1 pod" }, groups);
        var link = graph[TopologyIds.GroupLink("blue", "node-001")];
        Assert.Equal((TopologyIds.Group("blue", "node-001"), TopologyIds.Node("node-001")), (link.Source, link.Target));
        Assert.DoesNotContain(graph.Values, e => e.Kind is TopologyElementKind.Pod or TopologyElementKind.Interface);
        Assert.DoesNotContain(graph.Keys, id => id.StartsWith("grp:red/", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ExpandedGroup_DrawsThatNodesPodsOnThatNetworkOnly()
    {
        var graph = TopologyGraph.Build(ThreeNodes(), s_blueOpen.ToggleGroup("blue", "node-001"));

        Assert.Equal(["a1", "a2", "a3"], graph.Values.Where(e => e.Kind == TopologyElementKind.Pod).Select(e => e.Label));
        Assert.All(graph.Values.Where(e => e.Kind == TopologyElementKind.Interface), i => Assert.Equal(TopologyIds.Node("node-001"), i.Target));
        Assert.Equal("group expanded", graph[TopologyIds.Group("blue", "node-001")].Classes);
        Assert.Equal("group", graph[TopologyIds.Group("blue", "node-002")].Classes);
    }

    [Fact]
    public void Diff_ExpandingAGroup_AddsItsMembersAndRestylesOnlyTheGroup()
    {
        var snapshot = ThreeNodes();
        var before = TopologyGraph.Build(snapshot, s_blueOpen);
        var after = TopologyGraph.Build(snapshot, s_blueOpen.ToggleGroup("blue", "node-001"));

        var diff = TopologyDiff.Between(before, after);

        Assert.Empty(diff.Removed);
        Assert.Equal(3, diff.Added.Count(e => e.Kind == TopologyElementKind.Pod));
        Assert.Equal(3, diff.Added.Count(e => e.Kind == TopologyElementKind.Interface));
        Assert.Equal(6, diff.Added.Length);
        Assert.Equal([TopologyIds.Group("blue", "node-001")], diff.Restyled.Select(e => e.Id));
        var collapse = TopologyDiff.Between(after, before);
        Assert.Equal(6, collapse.Removed.Length);
        Assert.Empty(collapse.Added);
    }

    [Fact]
    public void Query_CollapsingTheNetwork_DropsItsExpandedGroupsFromTheUrl()
    {
        var query = TopologyQuery.Default.ToggleGroup("blue", "node-001").ToggleGroup("red", "node-002");

        Assert.Equal("blue,red", query.ToParameters()["open"]);
        Assert.Equal("blue/node-001,red/node-002", query.ToParameters()["groups"]);
        var collapsed = query.ToggleExpanded("blue");
        Assert.Equal("red/node-002", collapsed.ToParameters()["groups"]);
        Assert.Equal(query, TopologyQuery.Parse(null, "blue,red", null, null, null, null, null, null, "blue/node-001,red/node-002"));
    }

    [Fact]
    public void Build_TwoHundredNodesWithTenThousandPods_ExpandingANetworkDrawsGroupsNotPods()
    {
        var snapshot = TopologyStates.Mesh(200, "blue");
        for (var i = 0; i < 2000; i++)
        {
            snapshot = snapshot.WithPod("default", $"pod-{i:D5}", $"node-{(i % 200) + 1:D3}", "blue");
        }

        var graph = TopologyGraph.Build(snapshot, s_blueOpen);
        var node = TopologyGraph.Build(snapshot, s_blueOpen.ToggleGroup("blue", "node-007"));

        // 200 hosts, the network, 200 VRF edges, 200 groups and their 200 links; every tunnel is up, so none is drawn.
        Assert.Equal(801, graph.Count);
        Assert.Equal("10 pods", graph[TopologyIds.Group("blue", "node-007")].Label);
        Assert.Equal(801 + 20, node.Count);
    }

    [Fact]
    public void Build_LargeNetworkWithManyTunnelsNotUp_DrawsDownOnesFirstAndAtMostTheLimit()
    {
        var snapshot = TopologyStates.Mesh(200, "blue");
        for (var i = 1; i <= 200; i++)
        {
            // Each node keeps its tunnels to the next two nodes only, which do not report them back: 400 pairs one end reports.
            var self = i;
            snapshot = snapshot.WithNode($"node-{i:D3}", n => n with
            {
                Inventory = n.Inventory with
                {
                    Tunnels = [.. n.Inventory.Tunnels.Where(t => Peer(t.PeerNode) - self is 1 or 2 || (self, Peer(t.PeerNode)) is (10, 11) or (11, 10))
                        .Select(t => (self, Peer(t.PeerNode)) is (10, 11) ? t with { Up = false } : t)],
                },
            });
        }

        var graph = TopologyGraph.Build(snapshot, s_blueOpen);

        var tunnels = graph.Values.Where(e => e.Kind == TopologyElementKind.Tunnel).ToArray();
        Assert.Equal(TopologyGraph.MaxTunnelsDrawn, tunnels.Length);
        Assert.Equal("tunnel down", graph[TopologyIds.Tunnel("blue", "node-010", "node-011")].Classes);
        Assert.Single(tunnels, t => t.Classes == "tunnel down");
        var network = graph[TopologyIds.Network("blue")];
        Assert.Contains("tunnels 0/19,900 up, 1 down, 19,899 missing", network.Label, StringComparison.Ordinal);
        Assert.Contains("19,600 not up are not drawn", network.Hover, StringComparison.Ordinal);
    }

    private static int Peer(string node) => int.Parse(node.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
}
