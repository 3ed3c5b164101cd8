using System.Net;
using Multinet.Agent.Dataplane;
using Multinet.Shared.Domain;

namespace Multinet.UnitTests.Agent.Dataplane;

/// <summary>
/// The simulated dataplane's probe on two nodes joined by a fabric, built op by op as the agent would: blue (table 10)
/// with a tap pod on each node and a tunnel each way. Each case breaks one thing and expects no reply, naming it.
/// </summary>
public sealed class SimulatedDataplaneProbeTests
{
    private const string Node1 = "10.7.0.1";
    private const string Node2 = "10.7.0.2";
    private static readonly IPAddress s_a = IPAddress.Parse("172.30.0.1");
    private static readonly IPAddress s_b = IPAddress.Parse("172.30.0.2");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(SimulatedDataplane One, SimulatedDataplane Two)> PairAsync(uint vni1 = 56, uint vni2 = 56, PolicyRuleSpec? ingressOnB = null)
    {
        var fabric = new SimulatedFabric();
        var one = new SimulatedDataplane { Fabric = fabric };
        var two = new SimulatedDataplane { Fabric = fabric };
        one.SetUnderlay(Node1, null);
        two.SetUnderlay(Node2, null);
        await NodeAsync(one, "a", s_a, new TunnelSpec("blue", "node-2", vni1, Node1, Node2, 0, 10), s_b);
        await NodeAsync(two, "b", s_b, new TunnelSpec("blue", "node-1", vni2, Node2, Node1, 0, 10), s_a);
        if (ingressOnB is not null)
        {
            await two.ApplyAsync(new DataplaneOperation.BindPolicy(new PolicyBindingSpec(DataplaneNames.InterfaceTag("default", "b", "eth1"), "default", "b", "eth1", "blue")
            {
                Policies = [ingressOnB.Policy],
                Rules = [ingressOnB],
            }), Token);
        }

        return (one, two);
    }

    private static async Task NodeAsync(SimulatedDataplane dataplane, string pod, IPAddress address, TunnelSpec tunnel, IPAddress remote)
    {
        var iface = new PodInterfaceSpec(PodInterfaceKind.Tap, "default", pod, "eth1", "blue", 10, $"{address}/32");
        await dataplane.AddTableAsync(new DataplaneTable(10, false, "blue"), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddTunnel(tunnel), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(iface), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddRoute(new RouteSpec("blue", 10, $"{address}/32") { ViaInterfaceTag = iface.Tag }), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddRoute(new RouteSpec("blue", 10, $"{remote}/32") { ViaTunnelKey = tunnel.Key }), Token);
    }

    private static Task<DataplaneProbeResult> ProbeAsync(SimulatedDataplane from) =>
        from.ProbeAsync(new DataplaneProbe("blue", 10, s_a, s_b, 3), Token);

    [Fact]
    public async Task HealthyPath_EveryRequestIsAnswered()
    {
        var (one, _) = await PairAsync();

        var result = await ProbeAsync(one);

        Assert.Equal((3, 3), (result.Sent, result.Received));
        Assert.EndsWith("Delivered on node-2; the reply returns through the tunnel.", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FarEndWithAnotherVni_NoReply_NamingBothVnis()
    {
        var (one, _) = await PairAsync(vni2: 57);

        var result = await ProbeAsync(one);

        Assert.Equal((3, 0), (result.Sent, result.Received));
        Assert.EndsWith("node-2's tunnel for blue has VNI 57, not 56: the packets are dropped there.", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngressRuleDenyingTheSource_NoReply_NamingTheRule()
    {
        var deny = new PolicyRuleSpec("default/deny-a", "ingress", "Deny", null) { Nets = ["172.30.0.1/32"] };
        var (one, _) = await PairAsync(ingressOnB: deny);

        var result = await ProbeAsync(one);

        Assert.Equal(0, result.Received);
        Assert.Contains("Denied by ingress rule 1 of policy default/deny-a", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngressRulesAllowingOthersOnly_DefaultDeny_NoReply()
    {
        var other = new PolicyRuleSpec("default/allow-c", "ingress", "Allow", null) { Nets = ["172.30.0.3/32"] };
        var (one, _) = await PairAsync(ingressOnB: other);

        var result = await ProbeAsync(one);

        Assert.Equal(0, result.Received);
        Assert.Contains("the default deny applies", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FarEndNotOnTheFabric_NoReply()
    {
        var lonely = new SimulatedDataplane { Fabric = new SimulatedFabric() };
        lonely.SetUnderlay(Node1, null);
        await NodeAsync(lonely, "a", s_a, new TunnelSpec("blue", "node-2", 56, Node1, Node2, 0, 10), s_b);

        var result = await ProbeAsync(lonely);

        Assert.Equal(0, result.Received);
        Assert.EndsWith($"No simulated node holds {Node2}, the tunnel's far end: nothing answers.", result.Detail, StringComparison.Ordinal);
    }
}
