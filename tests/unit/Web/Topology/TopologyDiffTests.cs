using System.Collections.Immutable;
using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyDiffTests
{
    private static TopologyElement Host(string name, string classes = "host connected", double x = 0) =>
        new(TopologyIds.Node(name), TopologyElementKind.Host, name) { Classes = classes, X = x };

    private static TopologyElement Tunnel(string a, string b, string state = "up") =>
        new(TopologyIds.Tunnel("blue", a, b), TopologyElementKind.Tunnel, "")
        {
            Source = TopologyIds.Node(a), Target = TopologyIds.Node(b), Classes = $"tunnel {state}", Color = "#1e88e5",
        };

    private static ImmutableSortedDictionary<string, TopologyElement> Graph(params TopologyElement[] elements) =>
        elements.ToImmutableSortedDictionary(e => e.Id, e => e, StringComparer.Ordinal);

    [Fact]
    public void Between_SameElements_IsEmpty()
    {
        var graph = Graph(Host("a"), Host("b"), Tunnel("a", "b"));

        Assert.True(TopologyDiff.Between(graph, Graph(Host("a"), Host("b"), Tunnel("a", "b"))).IsEmpty);
    }

    [Fact]
    public void Between_NewElements_AddsNodesBeforeEdges()
    {
        var diff = TopologyDiff.Between(Graph(Host("a")), Graph(Host("a"), Host("b"), Tunnel("a", "b")));

        Assert.Equal([TopologyIds.Node("b"), TopologyIds.Tunnel("blue", "a", "b")], diff.Added.Select(e => e.Id));
        Assert.Empty(diff.Removed);
        Assert.Empty(diff.Restyled);
    }

    [Fact]
    public void Between_GoneElements_RemovesEdgesBeforeNodes()
    {
        var diff = TopologyDiff.Between(Graph(Host("a"), Host("b"), Tunnel("a", "b")), Graph(Host("a")));

        Assert.Equal([TopologyIds.Tunnel("blue", "a", "b"), TopologyIds.Node("b")], diff.Removed);
        Assert.Empty(diff.Added);
    }

    [Fact]
    public void Between_TunnelGoesDown_RestylesOnlyThatTunnel()
    {
        var diff = TopologyDiff.Between(Graph(Host("a"), Host("b"), Tunnel("a", "b")), Graph(Host("a"), Host("b"), Tunnel("a", "b", "down")));

        var restyled = Assert.Single(diff.Restyled);
        Assert.Equal("tunnel down", restyled.Classes);
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
    }

    [Theory]
    [InlineData("label")]
    [InlineData("color")]
    [InlineData("hover")]
    public void Between_LookChanged_Restyles(string what)
    {
        var before = Host("a");
        var after = what switch
        {
            "label" => before with { Label = "a\n1 pod" },
            "color" => before with { Color = "#000000" },
            _ => before with { Hover = "stale" },
        };

        Assert.Single(TopologyDiff.Between(Graph(before), Graph(after)).Restyled);
    }

    [Fact]
    public void Between_OnlyPositionChanged_KeepsTheDrawnPlace()
    {
        Assert.True(TopologyDiff.Between(Graph(Host("a", x: 0)), Graph(Host("a", x: 500))).IsEmpty);
    }

    [Fact]
    public void Between_EdgeEndsChanged_RemovesAndAddsIt()
    {
        var moved = Tunnel("a", "b") with { Target = TopologyIds.Node("c") };

        var diff = TopologyDiff.Between(Graph(Host("a"), Host("b"), Host("c"), Tunnel("a", "b")), Graph(Host("a"), Host("b"), Host("c"), moved));

        Assert.Equal([moved.Id], diff.Removed);
        Assert.Equal([moved.Id], diff.Added.Select(e => e.Id));
    }

    [Fact]
    public void Between_KindChanged_RemovesAndAddsIt()
    {
        var before = Host("a");
        var after = before with { Kind = TopologyElementKind.Pod };

        var diff = TopologyDiff.Between(Graph(before), Graph(after));

        Assert.Equal([before.Id], diff.Removed);
        Assert.Equal(TopologyElementKind.Pod, Assert.Single(diff.Added).Kind);
    }

    [Fact]
    public void Between_NodeRedrawn_DrawsItsKeptEdgesAgain()
    {
        // Removing a node in the browser takes its edges with it, so an edge that stays must be added back after it.
        var diff = TopologyDiff.Between(Graph(Host("a"), Host("b"), Tunnel("a", "b")),
            Graph(Host("a") with { Kind = TopologyElementKind.Service }, Host("b"), Tunnel("a", "b")));

        Assert.Equal([TopologyIds.Tunnel("blue", "a", "b"), TopologyIds.Node("a")], diff.Removed);
        Assert.Equal([TopologyIds.Node("a"), TopologyIds.Tunnel("blue", "a", "b")], diff.Added.Select(e => e.Id));
    }

    [Fact]
    public void Between_EverythingAtOnce_NamesEachChangeOnce()
    {
        var before = Graph(Host("a"), Host("b"), Host("c"), Tunnel("a", "b"), Tunnel("b", "c"));
        var after = Graph(Host("a"), Host("b", "host stale"), Host("d"), Tunnel("a", "b", "missing"));

        var diff = TopologyDiff.Between(before, after);

        Assert.Equal([TopologyIds.Node("d")], diff.Added.Select(e => e.Id));
        Assert.Equal([TopologyIds.Tunnel("blue", "b", "c"), TopologyIds.Node("c")], diff.Removed);
        Assert.Equal([TopologyIds.Node("b"), TopologyIds.Tunnel("blue", "a", "b")], diff.Restyled.Select(e => e.Id));
    }
}
