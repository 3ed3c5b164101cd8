using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class NodeDetailPageTests() : WebTestContext(TimeProvider.System)
{
    [Fact]
    public void Render_Node_ShowsItsAgentAndEveryVrfWithItsError()
    {
        Live.NodeConnected("node-2", "Simulated", "1.0.0");
        Live.NodeSnapshot("node-2", [
            new VrfStatus("blue", 56, VrfState.Applied, null, 3, new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc)),
            new VrfStatus("red", 88, VrfState.Error, "ip_table_add_del: VNET_API_ERROR_TABLE_TOO_MANY", 1, null),
        ]);

        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-2"));

        Assert.StartsWith("Simulated dataplane · agent 1.0.0", cut.Find("[data-testid=node-agent]").TextContent.Trim(), StringComparison.Ordinal);
        var red = cut.Find("[data-testid=node-vrf-row][data-network=red]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["red", "88", "0", "1", "–", "Error", "ip_table_add_del: VNET_API_ERROR_TABLE_TOO_MANY"], red);
    }

    [Fact]
    public void Render_UnknownNode_SaysSo()
    {
        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-9"));

        Assert.Contains("No agent has reported a node named node-9", cut.Find("[data-testid=node-missing]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Header_ShowsTheLastApply()
    {
        Live.NodeConnected("node-1", "Vpp", "1.2.0");
        Live.NodeSnapshot("node-1", SampleInventory.Full());

        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-1"));

        Assert.Equal("Last apply 2026-11-01 12:00:00Z: 12.5 ms, 9 operations, 1 failed", cut.Find("[data-testid=node-last-apply]").TextContent.Trim());
        Assert.Equal("4", cut.Find("[data-testid=node-vrf-row][data-network=blue]").QuerySelectorAll("td")[2].TextContent.Trim());
    }

    [Fact]
    public void Render_TunnelsTabInTheUrl_ShowsPeerVniEndpointsStateAndCounters()
    {
        Live.NodeSnapshot("node-1", SampleInventory.Full());
        Navigate("nodes/node-1?tab=tunnels");

        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-1"));

        var rows = cut.FindAll("[data-testid=node-tunnel-row]");
        Assert.Equal(["blue/node-2", "blue/node-3"], rows.Select(r => r.GetAttribute("data-key")));
        Assert.Equal(["node-2", "blue", "56", "192.168.1.1 → 192.168.1.2", "up", "10", "20", "1 kB", "2 kB", ""], Cells(rows[0]));
        Assert.Equal("down", Cells(rows[1])[4]);
        Assert.Empty(cut.FindAll("[data-testid=node-vrf-row]"));
    }

    [Fact]
    public void Render_RoutesTabFilteredByNetworkInTheUrl_ShowsOnlyThatNetwork()
    {
        var inventory = SampleInventory.Full();
        Live.NodeSnapshot("node-1", inventory with { Routes = [.. inventory.Routes, new RouteStatus("red", "10.8.0.0/24", "node-3")] });
        Navigate("nodes/node-1?tab=routes&network=red");

        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-1"));

        var row = Assert.Single(cut.FindAll("[data-testid=node-route-row]"));
        Assert.Equal(["red", "10.8.0.0/24", "node-3"], Cells(row));
    }

    [Theory]
    [InlineData("memifs", "memif-row", "default/pod-a/memif1")]
    [InlineData("taps", "node-tap-row", "default/pod-b/eth1")]
    [InlineData("services", "node-service-row", "default/web/blue/172.19.255.1:80/TCP")]
    [InlineData("policies", "node-policy-row", "default/pod-a/memif1")]
    [InlineData("errors", "node-error-row", "tunnel blue/node-3")]
    public void Render_EachInventoryTab_ShowsItsItems(string tab, string row, string key)
    {
        Live.NodeSnapshot("node-1", SampleInventory.Full());
        Navigate($"nodes/node-1?tab={tab}");

        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-1"));

        Assert.Equal(key, Assert.Single(cut.FindAll($"[data-testid={row}]")).GetAttribute("data-key"));
    }

    [Fact]
    public void Render_DeltaArrives_TheOpenTabFollows()
    {
        var inventory = SampleInventory.Full();
        Live.NodeSnapshot("node-1", inventory);
        Navigate("nodes/node-1?tab=tunnels");
        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-1"));

        Live.NodeDelta("node-1", NodeReportDelta.Empty with { Tunnels = new([inventory.Tunnels[1] with { Up = true }], ["blue/node-2"]) });

        cut.WaitForAssertion(() => Assert.Equal(["up"], cut.FindAll("[data-testid=node-tunnel-row]").Select(r => Cells(r)[4])));
    }

    private void Navigate(string uri) => Services.GetRequiredService<NavigationManager>().NavigateTo(uri);

    private static List<string> Cells(AngleSharp.Dom.IElement row) => [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];
}
