using Bunit;
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
        Assert.Equal(["red", "88", "1", "–", "Error", "ip_table_add_del: VNET_API_ERROR_TABLE_TOO_MANY"], red);
    }

    [Fact]
    public void Render_UnknownNode_SaysSo()
    {
        var cut = Render<NodeDetailPage>(p => p.Add(x => x.Name, "node-9"));

        Assert.Contains("No agent has reported a node named node-9", cut.Find("[data-testid=node-missing]").TextContent, StringComparison.Ordinal);
    }
}
