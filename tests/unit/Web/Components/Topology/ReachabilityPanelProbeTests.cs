using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Contracts.Agent.V1;
using Multinet.UnitTests.TestSupport;
using Multinet.UnitTests.Web.Topology.Reachability;
using Multinet.Web.Auth;
using Multinet.Web.Components.Topology;
using Multinet.Web.Grpc;
using Multinet.Web.Topology.Reachability;

namespace Multinet.UnitTests.Web.Components.Topology;

/// <summary>The panel's probe: refused to viewers with the reason on hover; for operators, shown beside the computed answer.</summary>
public sealed class ReachabilityPanelProbeTests : WebTestContext
{
    public ReachabilityPanelProbeTests()
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
    public void Viewer_SeesTheProbeButtonDisabled_WithTheReasonOnHover()
    {
        SignIn("vera", ConsoleRoles.Viewer);

        var cut = Render<ReachabilityPanel>(p => p.Add(c => c.From, "pod/default/a@blue").Add(c => c.To, "pod/default/b@blue"));

        cut.WaitForAssertion(() => Assert.True(cut.Find("[data-testid=reach-probe]").HasAttribute("disabled")));
        Assert.Contains("probes need the operator role", cut.Find("[data-testid=reach-probe-wrap]").GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_Probes_TheProbedResultShowsBesideTheComputedAnswer()
    {
        SignIn("olga", ConsoleRoles.Operator);
        var probes = Services.GetRequiredService<AgentProbes>();
        ProbeRequest? asked = null;
        using var lane = probes.Attach("node-1", (message, _) =>
        {
            asked = message.Probe;
            probes.Complete("node-1", new ProbeResult { Id = message.Probe.Id, Sent = 3, Received = 3, Detail = "Delivered on node-2." });
            return Task.CompletedTask;
        });
        var cut = Render<ReachabilityPanel>(p => p.Add(c => c.From, "pod/default/a@blue").Add(c => c.To, "pod/default/b@blue"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=reach-probe]").HasAttribute("disabled")));

        cut.Find("[data-testid=reach-probe]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("probed: 3/3 replies at ", cut.Find("[data-testid=reach-probe-result]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(("Answered", "3"), (cut.Find("[data-testid=reach-probe-result]").GetAttribute("data-status"), cut.Find("[data-testid=reach-probe-result]").GetAttribute("data-received")));
        Assert.Equal("Reachable", cut.Find("[data-testid=reach-verdict]").GetAttribute("data-verdict"));
        Assert.Contains("from node-1 (Simulated dataplane): Delivered on node-2.", cut.Find("[data-testid=reach-probe-detail]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("blue", 3u), (asked!.Network, asked.Count));
    }

    [Fact]
    public void Operator_ProbeWithTheAgentGone_SaysNotConnected()
    {
        SignIn("olga", ConsoleRoles.Operator);
        var cut = Render<ReachabilityPanel>(p => p.Add(c => c.From, "pod/default/a@blue").Add(c => c.To, "pod/default/b@blue"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=reach-probe]").HasAttribute("disabled")));

        cut.Find("[data-testid=reach-probe]").Click();

        cut.WaitForAssertion(() => Assert.Equal("not probed: the agent on node-1 is not connected", cut.Find("[data-testid=reach-probe-result]").TextContent.Trim()));
        Assert.Equal(nameof(ProbeStatus.AgentNotConnected), cut.Find("[data-testid=reach-probe-result]").GetAttribute("data-status"));
    }
}
