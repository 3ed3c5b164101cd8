using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class NetworkDetailPageTests() : WebTestContext(TimeProvider.System)
{
    [Fact]
    public void Render_EachNode_ShowsTableGenerationAndWhatIsPending()
    {
        Live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", generation: 2));
        Live.NodeConnected("node-1", "Simulated", "1.0.0");
        Live.NodeConnected("node-2", "Simulated", "1.0.0");
        Live.NodeConnected("node-3", "Simulated", "1.0.0");
        Live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 2, new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc))]);
        Live.NodeSnapshot("node-2", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, new DateTime(2026, 11, 1, 11, 0, 0, DateTimeKind.Utc))]);
        Live.NodeSnapshot("node-3", [new VrfStatus("blue", 56, VrfState.Error, "table 56 is held by \"calico\"", 2, null)]);

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        Assert.Equal("1 / 3 nodes applied", cut.Find("[data-testid=network-ready]").TextContent.Trim());
        string[] Cells(string node) => [.. cut.Find($"[data-testid=network-node-row][data-node={node}]").QuerySelectorAll("td").Select(td => td.TextContent.Trim())];
        Assert.Equal(["node-1", "56", "2", "2026-11-01 12:00:00Z", "Applied"], Cells("node-1"));
        Assert.Equal("Applied generation 1; 2 pending", Cells("node-2")[4]);
        Assert.Equal("table 56 is held by \"calico\"", Cells("node-3")[4]);
    }

    [Fact]
    public void Render_YamlTabInTheUrl_ShowsTheObjectAsKubectlWould()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=yaml");

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        var yaml = cut.Find("[data-testid=network-yaml]").TextContent;
        Assert.Contains("apiVersion: projectcalico.org/v3", yaml, StringComparison.Ordinal);
        Assert.Contains("vni: 56", yaml, StringComparison.Ordinal);
        Assert.Contains("range: 172.19.0.0/16", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NetworkDeletedWhileOpen_SaysItIsGone()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        Live.RemoveNetwork("blue");

        cut.WaitForAssertion(() => Assert.Contains("There is no Network named blue", cut.Find("[data-testid=network-missing]").TextContent, StringComparison.Ordinal));
    }
}
