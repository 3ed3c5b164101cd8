using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Shared.Contracts;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;
using Multinet.Web.Topology;
using Multinet.Web.Topology.Reachability;

namespace Multinet.UnitTests.Web.Topology.Reachability;

/// <summary>
/// Fault injection in a running cluster: the whole console with its embedded API, and two real agents on simulated
/// dataplanes reporting over real gRPC. A tunnel taken down on one node, then an agent stopped: the answer follows.
/// </summary>
public sealed class ReachabilityFaultTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TunnelDownThenAgentStopped_TheAnswerGoesFromReachable_ToBrokenAtTheTunnel_ToUnknown()
    {
        var live = server.Services.GetRequiredService<LiveState>();
        var reachability = server.Services.GetRequiredService<ReachabilityService>();
        var blue = KubeApiServer.UniqueName("blue");
        var (node1, node2) = (KubeApiServer.UniqueName("node"), KubeApiServer.UniqueName("node"));
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(blue, KubeApiServer.NextVni(), "172.19.0.0/16"), Token);
        await ReachabilityClusterObjects.CreateNadAsync(server.Client, blue, Token);
        await ReachabilityClusterObjects.CreateNodeAsync(server.Client, node1, "10.9.0.1", Token);
        await ReachabilityClusterObjects.CreateNodeAsync(server.Client, node2, "10.9.0.2", Token);
        var a = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node1, blue, "172.19.0.1", Token);
        var b = await ReachabilityClusterObjects.CreatePodAsync(server.Client, node2, blue, "172.19.0.2", Token);
        var (from, to) = ($"pod/default/{a}@{blue}", $"pod/default/{b}@{blue}");
        ReachabilityAnswer? Answer(LiveSnapshot snapshot) => reachability.Check(snapshot, from, to).Answer;

        var dataplane1 = new SimulatedDataplane();
        using var agent1 = await StartAgentAsync(node1, dataplane1);
        using var agent2 = await StartAgentAsync(node2, new SimulatedDataplane());

        var healthy = Answer(await live.WaitForAsync(s => Answer(s)?.Verdict == ReachabilityVerdict.Reachable))!;
        Assert.Contains(TopologyIds.Tunnel(blue, node1, node2), healthy.ElementIds);

        Assert.True(dataplane1.SetTunnelLink(blue, node2, up: false));
        var broken = Answer(await live.WaitForAsync(s => Answer(s)?.Verdict == ReachabilityVerdict.NotReachable))!;
        Assert.Equal((TopologyIds.Tunnel(blue, node1, node2), node1), (broken.FirstBroken!.Id, broken.FirstBroken.Node));
        Assert.EndsWith("is down.", broken.FirstBroken.Reason, StringComparison.Ordinal);

        Assert.True(dataplane1.SetTunnelLink(blue, node2, up: true));
        await live.WaitForAsync(s => Answer(s)?.Verdict == ReachabilityVerdict.Reachable);
        await agent2.StopAsync(Token);
        var unknown = Answer(await live.WaitForAsync(s => Answer(s)?.Verdict == ReachabilityVerdict.Unknown))!;
        Assert.Equal((node2, (bool?)null), (unknown.FirstBroken!.Node, unknown.FirstBroken.Ok));
        Assert.StartsWith($"The agent on {node2} is not connected", unknown.FirstBroken.Reason, StringComparison.Ordinal);

        await agent1.StopAsync(Token);
    }

    private async Task<IHost> StartAgentAsync(string node, SimulatedDataplane dataplane)
    {
        var options = new AgentOptions
        {
            NodeName = node,
            ConsoleUrl = server.Services.GetRequiredService<IAgentGatewayAddress>().Url,
            ConsoleToken = server.Services.GetRequiredService<IAgentCredentialSource>().Credential,
            Kubeconfig = server.Info.KubeconfigPath,
            Dataplane = DataplaneKinds.Simulated,
        };
        var agent = AgentHost.CreateBuilder(options, dataplane).Build();
        await agent.StartAsync(Token);
        return agent;
    }
}
