using Bunit;
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
    public void Render_NodeReportsVrfs_ShowsOneRowPerNetworkWithTableAndState()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        Live.NodeSnapshot("node-1", [
            new VrfStatus("blue", 56, VrfState.Applied, null, 1, DateTime.UnixEpoch),
            new VrfStatus("red", 88, VrfState.Error, "table 88 is held by another owner", 1, null),
        ]);

        var cut = Render<NodesPage>();

        var card = cut.Find("[data-testid=node-card][data-node=node-1]");
        Assert.Contains("Connected", card.QuerySelector("[data-testid=node-connection]")!.TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=vrf-row]");
        Assert.Equal(["blue", "red"], rows.Select(r => r.GetAttribute("data-network")));
        Assert.Equal(["blue", "56", "Applied"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("Error", rows[1].QuerySelectorAll("td")[2].TextContent.Trim());
    }

    [Fact]
    public async Task Render_BurstOf1000Changes_ShowsTheEndStateInAHandfulOfRenders()
    {
        var cut = Render<NodesPage>();

        for (var i = 0; i < 500; i++)
        {
            var node = $"node-{i % 50:D2}";
            Live.NodeConnected(node, "Simulated", "0.1.0");
            Live.NodeSnapshot(node, [new VrfStatus("blue", 56, VrfState.Applied, null, i, DateTime.UnixEpoch)]);
        }

        await cut.WaitForAssertionAsync(() => Assert.Equal(50, cut.FindAll("[data-testid=vrf-row]").Count), TimeSpan.FromSeconds(30));
        Assert.InRange(cut.RenderCount, 2, 10);
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
        Live.MarkStale(DateTime.UtcNow.AddMinutes(1));

        var cut = Render<NodesPage>();

        Assert.Equal("Stale", cut.Find("[data-testid=node-connection]").TextContent.Trim());
    }

    [Fact]
    public void Render_NodeWithTunnelsAndMemifs_ShowsUpOverTotal()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        Live.NodeSnapshot("node-1", SampleInventory.Full() with { Memifs = [SampleInventory.Memif("pod-a"), SampleInventory.Memif("pod-c", up: false), SampleInventory.Memif("pod-d")] });

        var cut = Render<NodesPage>();

        Assert.Equal("Tunnels 1/2 up", cut.Find("[data-testid=node-tunnels]").TextContent.Trim());
        Assert.Equal("Memifs 2/3 up", cut.Find("[data-testid=node-memifs]").TextContent.Trim());
    }
}
