using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.UnitTests.Web.Topology;
using Multinet.Web.Components.Topology;
using Multinet.Web.Topology;
using Multinet.Web.Topology.Reachability;

namespace Multinet.UnitTests.Web.Components.Topology;

public sealed class TopologyPageTests : WebTestContext
{
    private static readonly string[] s_nodes = ["node-1", "node-2"];
    private readonly BunitJSModuleInterop _module;
    private readonly BunitJSModuleInterop _graph;

    public TopologyPageTests() : base(TimeProvider.System)
    {
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddReachability();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _module = JSInterop.SetupModule("./js/topology.js");
        _graph = _module.SetupModule("create", _ => true);
        foreach (var call in new[] { "apply", "select", "highlight", "place", "fit" })
        {
            _graph.SetupVoid(call, _ => true).SetVoidResult();
        }

        Live.UpsertNetwork(TestNetworks.Blue());
        Live.UpsertNetwork(TestNetworks.Red());
        foreach (var node in s_nodes)
        {
            Live.NodeConnected(node, "simulated", "1.0");
            Live.NodeSnapshot(node, TopologyStates.Node(node, s_nodes, ["blue", "red"]).Inventory);
        }
    }

    private IRenderedComponent<TopologyPage> RenderAt(string parameter, string value)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter(parameter, value));
        return Render<TopologyPage>();
    }

    [Fact]
    public void Render_ExpandedNetwork_DrawsHostsNetworksAndItsTunnel()
    {
        var cut = RenderAt("open", "blue");

        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["create"]));
        var drawn = (TopologyJsElement[])_module.Invocations["create"][0].Arguments[2]!;
        Assert.Contains(drawn, e => e.Id == TopologyIds.Node("node-1") && e.Classes == "host connected");
        Assert.Contains(drawn, e => e.Id == TopologyIds.Network("red"));
        var tunnel = Assert.Single(drawn, e => e.Kind == nameof(TopologyElementKind.Tunnel));
        Assert.Equal(("tunnel up", TopologyIds.Node("node-1"), TopologyIds.Node("node-2")), (tunnel.Classes, tunnel.Source, tunnel.Target));
        Assert.Contains("2 nodes · 2 network layers · 1 tunnel drawn (0 not up)", cut.Find("[data-testid=topology-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Prerendered_ThePageRendersItsSummary_WithoutCallingJavaScript()
    {
        Prerendering();

        var cut = Render<TopologyPage>();

        Assert.Contains("2 nodes · 2 network layers", cut.Find("[data-testid=topology-summary]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "import");
        Assert.Empty(_module.Invocations["create"]);
    }

    [Fact]
    public void Prerendered_TheCanvasCarriesTheGraphsElements_ForTheBrowserToDrawBeforeTheCircuit()
    {
        Prerendering();

        var cut = RenderAt("open", "blue");

        var json = cut.Find("[data-testid=topology-canvas]").GetAttribute("data-topology-initial");
        Assert.NotNull(json);
        using var carried = System.Text.Json.JsonDocument.Parse(json);
        var elements = carried.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e);
        var expected = Services.GetRequiredService<TopologyGraphCache>().Get(Live.Current, TopologyQuery.Parse(null, "blue", null, null, null, null, null, null, null));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), elements.Keys.Order(StringComparer.Ordinal));
        var host = elements[TopologyIds.Node("node-1")];
        Assert.Equal(("host connected", expected[TopologyIds.Node("node-1")].X), (host.GetProperty("classes").GetString(), host.GetProperty("x").GetDouble()));
        var tunnel = elements[TopologyIds.Tunnel("blue", "node-1", "node-2")];
        Assert.Equal((TopologyIds.Node("node-1"), TopologyIds.Node("node-2")), (tunnel.GetProperty("source").GetString(), tunnel.GetProperty("target").GetString()));
    }

    [Fact]
    public void Interactive_TheCanvasSendsTheElementsThroughTheCircuit_NotInTheMarkup()
    {
        var cut = RenderAt("open", "blue");

        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["create"]));
        Assert.Null(cut.Find("[data-testid=topology-canvas]").GetAttribute("data-topology-initial"));
    }

    [Fact]
    public void LiveBatch_TunnelGoesDown_HandsTheCanvasOneRestyleNoRedraw()
    {
        var cut = RenderAt("open", "blue");
        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["create"]));
        var drawn = cut.FindComponent<TopologyCanvas>().Instance.Elements;

        var inventory = TopologyStates.Node("node-1", s_nodes, ["blue", "red"]).Inventory;
        Live.NodeSnapshot("node-1", inventory with
        {
            Tunnels = [.. inventory.Tunnels.Select(t => t.Network == "blue" ? t with { Up = false } : t)],
        });

        cut.WaitForAssertion(() => Assert.Contains("(1 not up)", cut.Find("[data-testid=topology-summary]").TextContent, StringComparison.Ordinal));
        var diff = TopologyDiff.Between(drawn, cut.FindComponent<TopologyCanvas>().Instance.Elements);
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        var tunnel = Assert.Single(diff.Restyled, e => e.Kind == TopologyElementKind.Tunnel);
        Assert.Equal((TopologyIds.Tunnel("blue", "node-1", "node-2"), "tunnel down"), (tunnel.Id, tunnel.Classes));
        Assert.Single(_module.Invocations["create"]);
    }

    [Fact]
    public void LiveBatch_NetworkAddedAndNodeSeen_HandsTheCanvasOnlyTheNewLayer()
    {
        var cut = Render<TopologyPage>();
        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["create"]));
        var drawn = cut.FindComponent<TopologyCanvas>().Instance.Elements;

        Live.NodeSeen("node-1");
        Live.UpsertNetwork(TestNetworks.Make("green", 7, "10.7.0.0/16"));

        cut.WaitForAssertion(() => Assert.Contains("3 network layers", cut.Find("[data-testid=topology-summary]").TextContent, StringComparison.Ordinal));
        var diff = TopologyDiff.Between(drawn, cut.FindComponent<TopologyCanvas>().Instance.Elements);
        Assert.Equal([TopologyIds.Network("green")], diff.Added.Select(e => e.Id));
        Assert.Empty(diff.Restyled);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void TapOnNetwork_ExpandsAndSelectsItInTheUrl()
    {
        var cut = RenderAt("hide", "red");
        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["create"]));

        cut.InvokeAsync(() => cut.FindComponent<TopologyCanvas>().Instance.OnTapAsync(TopologyIds.Network("blue")));

        var uri = new Uri(Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("hide=red", uri.Query, StringComparison.Ordinal);
        Assert.Contains("open=blue", uri.Query, StringComparison.Ordinal);
        Assert.Contains("sel=net%3Ablue", uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Selected_ShowsDetailsWithLinksToExistingPages()
    {
        var cut = RenderAt("sel", TopologyIds.Node("node-2"));

        cut.WaitForAssertion(() => Assert.Equal("Node node-2", cut.Find("[data-testid=topology-details-title]").TextContent));
        Assert.Contains(cut.FindAll("[data-testid=topology-details-link]"), a => a.GetAttribute("href") == "nodes/node-2");
        Assert.Equal([TopologyIds.Node("node-2"), false], _graph.Invocations["select"][0].Arguments);
    }

    [Fact]
    public void Search_Pod_ExpandsItsNetworkAndSelectsIt()
    {
        Live.ReplaceObjects("pods", o => TopologyStates.Mesh(1, "red").WithPod("default", "samplepod", "node-1", "red").Objects);
        var cut = RenderAt("hide", "red");
        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["create"]));

        cut.Find("input[data-testid=topology-search]").Change("samplepod");

        var uri = new Uri(Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("open=red", uri.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("hide=", uri.Query, StringComparison.Ordinal);
        Assert.Contains("sel=pod%3Adefault%2Fsamplepod", uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void TapOnGroup_ExpandsThatNodeInTheUrlAndTheCanvasGetsOnlyItsPods()
    {
        Live.ReplaceObjects("pods", o => TopologyStates.Mesh(1, "blue").WithPod("default", "samplepod", "node-1", "blue").WithPod("default", "other", "node-2", "blue").Objects);
        var cut = RenderAt("open", "blue");
        cut.WaitForAssertion(() => Assert.Single(_module.Invocations["create"]));
        var drawn = (TopologyJsElement[])_module.Invocations["create"][0].Arguments[2]!;
        Assert.Contains(drawn, e => e.Id == TopologyIds.Group("blue", "node-1") && e.Label == "1 pod");
        Assert.DoesNotContain(drawn, e => e.Kind == nameof(TopologyElementKind.Pod));

        cut.InvokeAsync(() => cut.FindComponent<TopologyCanvas>().Instance.OnTapAsync(TopologyIds.Group("blue", "node-1")));

        var uri = new Uri(Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("groups=blue%2Fnode-1", uri.Query, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Single(_graph.Invocations["apply"]));
        var diff = cut.FindComponent<TopologyCanvas>().Instance.Elements;
        Assert.Contains(TopologyIds.Pod("default", "samplepod"), diff.Keys);
        Assert.DoesNotContain(TopologyIds.Pod("default", "other"), diff.Keys);
        Assert.Single(_module.Invocations["create"]);
    }
}
