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
    public void YamlTabOpenedAfterTheNodesTab_ShowsTheObject()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("networks/blue");
        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        Assert.Empty(cut.FindAll("[data-testid=network-yaml]"));

        navigation.NavigateTo("networks/blue?tab=yaml");

        cut.WaitForAssertion(() => Assert.Contains("vni: 56", cut.Find("[data-testid=network-yaml]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void PodsTab_APodsLinkGoesDown_ItsRowShowsIt()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.NodeSnapshot("node-2", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-y"), SampleInventory.Memif("pod-z")] });
        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=pods");
        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));
        string Link(string pod) => cut.Find($"[data-testid=network-pod-row][data-pod='default/{pod}'] [data-testid=link-state]").GetAttribute("data-state")!;
        Assert.Equal("up", Link("pod-z"));

        Live.NodeSnapshot("node-2", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-y"), SampleInventory.Memif("pod-z") with { LinkUp = false }] });

        cut.WaitForAssertion(() => Assert.Equal("down", Link("pod-z")));
        Assert.Equal("up", Link("pod-y"));
    }

    [Fact]
    public void Render_NetworkDeletedWhileOpen_SaysItIsGone()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        Live.RemoveNetwork("blue");

        cut.WaitForAssertion(() => Assert.Contains("There is no Network named blue", cut.Find("[data-testid=network-missing]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_MeshTab_ShowsEachPairAndHighlightsMissingOnes()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.NodeSnapshot("node-1", Mesh("node-1", ("node-2", true), ("node-3", false)));
        Live.NodeSnapshot("node-2", Mesh("node-2", ("node-1", true)));
        Live.NodeSnapshot("node-3", Mesh("node-3", ("node-1", true), ("node-2", true)));
        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=mesh");

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        string State(string from, string to) => cut.Find($"[data-testid=mesh-cell][data-from={from}][data-to={to}]").GetAttribute("data-state")!;
        Assert.Equal(["node-1", "node-2", "node-3"], cut.FindAll("[data-testid=mesh-row]").Select(r => r.GetAttribute("data-node")));
        Assert.Equal("up", State("node-1", "node-2"));
        Assert.Equal("down", State("node-1", "node-3"));
        Assert.Equal("missing", State("node-2", "node-3"));
        Assert.Equal("missing", cut.Find("[data-testid=mesh-cell][data-from=node-2][data-to=node-3]").TextContent.Trim());
        Assert.Equal("self", State("node-2", "node-2"));
        Assert.Equal("", cut.Find("[data-testid=mesh-cell][data-from=node-2][data-to=node-2]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=mesh-cell][data-state=missing]"));
    }

    [Fact]
    public void Render_PodsTab_ListsTheNodesMemifsAndTapsOnThisNetworkOnly()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.NodeSnapshot("node-1", SampleInventory.Full());
        Live.NodeSnapshot("node-2", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-r", network: "red"), SampleInventory.Memif("pod-z")] });
        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=pods");

        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));

        var rows = cut.FindAll("[data-testid=network-pod-row]");
        Assert.Equal(["node-1 default/pod-a", "node-1 default/pod-b", "node-2 default/pod-z"],
            rows.Select(r => $"{r.GetAttribute("data-node")} {r.GetAttribute("data-pod")}").Order(StringComparer.Ordinal));
        var tap = rows.Single(r => r.GetAttribute("data-pod") == "default/pod-b").QuerySelectorAll("td").Select(td => td.TextContent.Trim());
        Assert.Equal(["node-1", "default/pod-b", "eth1", "tap", "172.19.0.6/32", "up", "tap3"], tap);
    }

    private static NodeInventory Mesh(string node, params (string Peer, bool Up)[] peers) => NodeInventory.Empty with
    {
        Vrfs = [new VrfStatus("blue", 56, VrfState.Applied, null, 1, null)],
        Tunnels = [.. peers.Select(p => new TunnelStatus("blue", p.Peer, 56, "192.168.1.1", "192.168.1.2", 0, p.Up))],
    };
}
