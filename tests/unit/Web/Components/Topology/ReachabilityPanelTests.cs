using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.UnitTests.Web.Topology.Reachability;
using Multinet.Web.Components.Topology;
using Multinet.Web.State;
using Multinet.Web.Topology;
using Multinet.Web.Topology.Reachability;

namespace Multinet.UnitTests.Web.Components.Topology;

/// <summary>The reachability and isolation panels over a real live state fed the crafted two-node cluster.</summary>
public sealed class ReachabilityPanelTests : WebTestContext
{
    public ReachabilityPanelTests()
    {
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddReachability();
        var crafted = ReachabilityScenario.Healthy();
        foreach (var network in crafted.Networks.Values)
        {
            Live.UpsertNetwork(network);
        }

        Live.ReplaceObjects("test", _ => crafted.Objects);
        foreach (var node in crafted.Nodes.Values)
        {
            Live.NodeConnected(node.Name, "Simulated", "1.0");
            Live.NodeSnapshot(node.Name, node.Inventory);
        }
    }

    [Fact]
    public void Panel_HealthyPath_ListsEveryHop_AndRaisesThePathsElementIds()
    {
        IReadOnlyList<string>? path = null;

        var cut = Render<ReachabilityPanel>(p => p
            .Add(c => c.From, "pod/default/a@blue").Add(c => c.To, "pod/default/b@blue")
            .Add(c => c.PathChanged, ids => path = ids));

        cut.WaitForAssertion(() => Assert.Equal("Reachable", cut.Find("[data-testid=reach-verdict]").GetAttribute("data-verdict")));
        Assert.Equal(8, cut.FindAll("[data-testid=reach-hop]").Count);
        Assert.Empty(cut.FindAll("[data-first-broken]"));
        Assert.Contains("Computed from reported state at", cut.Find("[data-testid=reach-basis]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(path);
        Assert.Equal(TopologyIds.Tunnel("blue", "node-1", "node-2"), path[3]);
    }

    [Fact]
    public void Panel_TunnelGoesDown_TheAnswerChangesWithinOneBatch_AndTheFirstBrokenHopIsRed()
    {
        var answers = new List<ReachabilityAnswer?>();
        var cut = Render<ReachabilityPanel>(p => p
            .Add(c => c.From, "pod/default/a@blue").Add(c => c.To, "pod/default/b@blue")
            .Add(c => c.AnswerChanged, a => answers.Add(a)));
        cut.WaitForAssertion(() => Assert.Equal("Reachable", cut.Find("[data-testid=reach-verdict]").GetAttribute("data-verdict")));

        var node1 = Live.Current.Nodes["node-1"].Inventory;
        Live.NodeSnapshot("node-1", node1 with { Tunnels = [.. node1.Tunnels.Select(t => t with { Up = t.Network != "blue" })] });
        Time.Advance(LiveState.BatchInterval);

        cut.WaitForAssertion(() => Assert.Equal("NotReachable", cut.Find("[data-testid=reach-verdict]").GetAttribute("data-verdict")));
        var broken = cut.Find("[data-first-broken]");
        Assert.Equal((TopologyIds.Tunnel("blue", "node-1", "node-2"), "false"), (broken.GetAttribute("data-id"), broken.GetAttribute("data-ok")));
        Assert.Contains("var(--mud-palette-error", broken.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("The tunnel node-1 → node-2 (VNI 56) is down.", broken.QuerySelector("[data-testid=reach-hop-reason]")!.TextContent);
        // The answer is raised after the render that shows it.
        cut.WaitForAssertion(() => Assert.Equal(ReachabilityVerdict.NotReachable, answers[^1]!.Verdict));
    }

    [Fact]
    public void Panel_MalformedEndpoint_SaysWhatIsWrong_AndRaisesAnEmptyPath()
    {
        IReadOnlyList<string>? path = null;
        var cut = Render<ReachabilityPanel>(p => p
            .Add(c => c.From, "pod/default/a@blue").Add(c => c.To, "pod/default/b@blue")
            .Add(c => c.PathChanged, ids => path = ids));
        cut.WaitForAssertion(() => Assert.NotEmpty(path!));

        cut.Render(p => p.Add(c => c.To, "pod/default/b"));

        cut.WaitForAssertion(() => Assert.Contains("to: \"pod/default/b\": a pod endpoint names its network", cut.Find("[data-testid=reach-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(path!);
    }

    [Fact]
    public void IsolationPanel_BlueAndRed_AreIsolated_UntilANodeSharesTheirTable()
    {
        var cut = Render<IsolationPanel>(p => p.Add(c => c.A, "blue").Add(c => c.B, "red"));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=iso-verdict]").GetAttribute("data-isolated")));
        Assert.Contains("not a violation by itself", cut.Find("[data-testid=iso-note]").TextContent, StringComparison.Ordinal);

        var node2 = Live.Current.Nodes["node-2"].Inventory;
        Live.NodeSnapshot("node-2", node2 with { Vrfs = [ReachabilityScenario.Vrf("blue", 56), ReachabilityScenario.Vrf("red", 56)] });
        Time.Advance(LiveState.BatchInterval);

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=iso-verdict]").GetAttribute("data-isolated")));
        var violation = Assert.Single(cut.FindAll("[data-testid=iso-violation]"));
        Assert.Equal((nameof(IsolationViolationKind.SharedTable), TopologyIds.Vrf("node-2", "blue")), (violation.GetAttribute("data-kind"), violation.GetAttribute("data-id")));
    }
}
