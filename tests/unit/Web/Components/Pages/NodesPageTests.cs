using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class NodesPageTests() : WebTestContext(TimeProvider.System)
{
    [Fact]
    public void Render_NoAgentYet_ExplainsWhereNodesComeFrom()
    {
        var cut = Render<NodesPage>();

        Assert.Contains("No agent has reported yet", cut.Find("[data-testid=nodes-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowserAwayThenBack_ShowsWhatChangedMeanwhile()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        var cut = Render<NodesPage>();
        await cut.InvokeAsync(() => Updates.SetConnected(false));
        Assert.True(Updates.HoldingBack);

        Live.NodeConnected("node-2", "Simulated", "0.1.0");
        await cut.InvokeAsync(() => Updates.SetConnected(true));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=node-row]").Count));
        Assert.False(Updates.HoldingBack);
    }

    [Fact]
    public void Render_NodeReportsVrfs_ShowsReadyOverTotalWithEachVrfsState()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        Live.NodeSnapshot("node-1", [
            new VrfStatus("blue", 56, VrfState.Applied, null, 1, DateTime.UnixEpoch),
            new VrfStatus("red", 88, VrfState.Error, "table 88 is held by another owner", 1, null),
        ]);

        var cut = Render<NodesPage>();

        var row = Row(cut, "node-1");
        Assert.Equal("Connected", row.QuerySelector("[data-testid=node-connection]")!.TextContent.Trim());
        var vrfs = row.QuerySelector("[data-testid=node-vrfs]")!;
        Assert.Equal("1/2", vrfs.TextContent.Trim());
        Assert.Equal("blue Applied, red Error", vrfs.GetAttribute("title"));
        Assert.Equal("0.1.0", row.QuerySelector("[data-testid=node-agent]")!.TextContent.Trim());
        Assert.Equal("Simulated", row.QuerySelector("[data-testid=node-dataplane]")!.TextContent.Trim());
        Assert.Equal("nodes/node-1", row.QuerySelector("[data-testid=node-row] a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Render_BurstOf1000Changes_ShowsTheEndStateInAHandfulOfRenders()
    {
        var cut = Render<CountingNodesPage>();

        for (var i = 0; i < 500; i++)
        {
            var node = $"node-{i % 50:D2}";
            Live.NodeConnected(node, "Simulated", "0.1.0");
            Live.NodeSnapshot(node, [new VrfStatus("blue", 56, VrfState.Applied, null, i, DateTime.UnixEpoch)]);
        }

        await cut.WaitForAssertionAsync(() => Assert.Equal(50, cut.FindAll("[data-testid=node-row]").Count), TimeSpan.FromSeconds(120));
        Assert.All(cut.FindAll("[data-testid=node-vrfs]"), vrfs => Assert.Equal("1/1", vrfs.TextContent.Trim()));
        Assert.InRange(cut.Instance.Renders, 2, 10);
    }

    [Fact]
    public void Render_NodeDisconnects_StaysVisibleMarkedDisconnected()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        var cut = Render<NodesPage>();

        Live.NodeDisconnected("node-1");

        cut.WaitForAssertion(() => Assert.Equal("Disconnected", cut.Find("[data-testid=node-connection]").TextContent.Trim()));
    }

    [Fact]
    public void Render_ConnectedButSilentNode_IsMarkedStale()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        var cut = Render<NodesPage>();
        Assert.Equal("live", cut.Find("[data-testid=node-last-seen]").TextContent.Trim()); // reporting: no timestamp churning every second

        Live.MarkStale(DateTime.UtcNow.AddMinutes(1));

        cut.WaitForAssertion(() => Assert.Equal("Stale", cut.Find("[data-testid=node-connection]").TextContent.Trim()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$", cut.Find("[data-testid=node-last-seen]").TextContent.Trim());
    }

    [Fact]
    public void Render_NodeWithTunnelsMemifsTapsAndErrors_ShowsUpOverTotalAndCounts()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        Live.NodeSnapshot("node-1", SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a"), SampleInventory.Memif("pod-c", up: false), SampleInventory.Memif("pod-d")] });

        var cut = Render<NodesPage>();

        var row = Row(cut, "node-1");
        Assert.Equal("1/2", row.QuerySelector("[data-testid=node-tunnels]")!.TextContent.Trim());
        Assert.Equal("2/3", row.QuerySelector("[data-testid=node-memifs]")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector("[data-testid=node-taps]")!.TextContent.Trim());
        Assert.Equal("nodes/node-1?tab=errors", row.QuerySelector("[data-testid=node-errors] a")!.GetAttribute("href"));
        Assert.Equal("1", row.QuerySelector("[data-testid=node-errors]")!.TextContent.Trim());
    }

    [Fact]
    public void Render_FiltersFromTheUrl_KeepOnlyMatchingNodes()
    {
        Live.NodeConnected("worker-1", "Simulated", "0.1.0");
        Live.NodeSnapshot("worker-1", SampleInventory.Full());
        Live.NodeConnected("worker-2", "Simulated", "0.1.0");
        Live.NodeConnected("worker-3", "Simulated", "0.1.0");
        Live.NodeDisconnected("worker-3");
        Live.NodeConnected("edge-1", "Simulated", "0.1.0");
        Live.NodeSnapshot("edge-1", SampleInventory.Full());
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("nodes?q=WORKER&errors=true");
        var cut = Render<NodesPage>();
        Assert.Equal(["worker-1"], Names(cut));

        navigation.NavigateTo("nodes?q=worker&state=disconnected");
        cut.WaitForAssertion(() => Assert.Equal(["worker-3"], Names(cut)));

        navigation.NavigateTo("nodes?state=connected");
        cut.WaitForAssertion(() => Assert.Equal(["edge-1", "worker-1", "worker-2"], Names(cut)));

        navigation.NavigateTo("nodes?q=nothing-like-this");
        cut.WaitForAssertion(() => Assert.Equal("No node matches these filters.", cut.Find("[data-testid=nodes-empty]").TextContent.Trim()));
    }

    [Fact]
    public void Render_ErrorsSwitch_PutsTheFilterInTheUrl()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("nodes");
        var cut = Render<NodesPage>();

        cut.Find("input[data-testid=nodes-errors-filter], [data-testid=nodes-errors-filter] input").Change(true);

        Assert.Equal("http://localhost/nodes?errors=true", navigation.Uri);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=node-row]")));
    }

    [Fact]
    public void Render_SortByName_TogglesTheOrder()
    {
        foreach (var name in new[] { "node-b", "node-c", "node-a" })
        {
            Live.NodeConnected(name, "Simulated", "0.1.0");
        }

        var cut = Render<NodesPage>();
        Assert.Equal(["node-a", "node-b", "node-c"], Names(cut));

        cut.FindAll(".mud-table-sort-label")[0].Click();

        Assert.Equal(["node-c", "node-b", "node-a"], Names(cut));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<NodesPage> cut, string node) =>
        cut.Find($"[data-testid=node-row][data-node={node}]").ParentElement!;

    private static List<string?> Names(IRenderedComponent<NodesPage> cut) =>
        [.. cut.FindAll("[data-testid=node-row]").Select(r => r.GetAttribute("data-node"))];

    [Fact]
    public void NodeRow_SameNodeAfterAReport_IsTheSameRowSoTheTableKeepsIt()
    {
        var node = new Multinet.Web.State.NodeView { Name = "node-1", Connected = true, LastSeen = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc) };
        var later = node with { LastSeen = node.LastSeen.Value.AddSeconds(1), Inventory = SampleInventory.Full() };

        Assert.Equal(NodeRow.Of(node), NodeRow.Of(later));
        Assert.NotEqual(NodeRow.Of(node), NodeRow.Of(node with { Name = "node-2" }));
    }
}

/// <summary>The Nodes page counting its own renders (a bUnit render count includes every cell's).</summary>
public sealed class CountingNodesPage : NodesPage
{
    public int Renders { get; private set; }

    protected override void OnAfterRender(bool firstRender) => Renders++;
}
