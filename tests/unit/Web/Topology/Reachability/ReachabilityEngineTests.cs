using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Web.State;
using Multinet.Web.Topology;
using Multinet.Web.Topology.Reachability;
using static Multinet.UnitTests.Web.Topology.Reachability.ReachabilityScenario;

namespace Multinet.UnitTests.Web.Topology.Reachability;

public sealed class ReachabilityEngineTests
{
    private static readonly ClusterPolicy s_denyA = new("default", "deny-a", "app == 'b'")
    {
        Ingress = [new ClusterPolicyRule("Deny", null, "blue") { SourceNets = ["172.19.0.1/32"] }],
    };

    private static ReachabilityAnswer Ask(LiveSnapshot snapshot, string from, string to)
    {
        Assert.True(ReachabilityEndpoint.TryParse(from, out var source, out var error), error);
        Assert.True(ReachabilityEndpoint.TryParse(to, out var destination, out error), error);
        var result = ReachabilityEngine.Check(snapshot, source!, destination!, Now);
        Assert.Empty(result.Errors);
        return result.Answer!;
    }

    [Fact]
    public void Check_HealthyPathAcrossNodes_IsReachable_WithEveryHopNamedByTopologyIds()
    {
        var answer = Ask(Healthy(), "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.Reachable, answer.Verdict);
        Assert.Null(answer.FirstBroken);
        Assert.All(answer.Hops, h => Assert.True(h.Ok, h.Reason));
        Assert.Equal(
            [TopologyIds.Network("blue"), TopologyIds.Interface("default", "a", "blue"), TopologyIds.Vrf("node-1", "blue"),
             TopologyIds.Tunnel("blue", "node-2", "node-1"), TopologyIds.Vrf("node-2", "blue"), TopologyIds.Interface("default", "b", "blue")],
            answer.ElementIds);
        Assert.Equal([HopKind.Network, HopKind.Interface, HopKind.Policy, HopKind.Vrf, HopKind.Tunnel, HopKind.Vrf, HopKind.Policy, HopKind.Interface],
            answer.Hops.Select(h => h.Kind));
        Assert.StartsWith("Computed from reported state at 2026-11-01 12:00:00Z (snapshot 7)", answer.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HealthyPathAcrossNodes_ListsEveryHopOnce_TheRulesApartFromTheirInterface()
    {
        var answer = Ask(Healthy(), "pod/default/a@blue", "pod/default/b@blue");

        var a = TopologyIds.Interface("default", "a", "blue");
        var b = TopologyIds.Interface("default", "b", "blue");
        Assert.Equal(
            [(HopKind.Network, TopologyIds.Network("blue"), TopologyIds.Network("blue")),
             (HopKind.Interface, a, a),
             (HopKind.Policy, TopologyIds.Rules(a, "egress"), a),
             (HopKind.Vrf, TopologyIds.Vrf("node-1", "blue"), TopologyIds.Vrf("node-1", "blue")),
             (HopKind.Tunnel, TopologyIds.Tunnel("blue", "node-1", "node-2"), TopologyIds.Tunnel("blue", "node-1", "node-2")),
             (HopKind.Vrf, TopologyIds.Vrf("node-2", "blue"), TopologyIds.Vrf("node-2", "blue")),
             (HopKind.Policy, TopologyIds.Rules(b, "ingress"), b),
             (HopKind.Interface, b, b)],
            answer.Hops.Select(h => (h.Kind, h.Id, h.Element)));
        Assert.Single(answer.Hops, h => h.Id == b);
        Assert.Equal(answer.Hops.Length, answer.Hops.Select(h => h.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Check_OverlappingRangesInTwoNetworks_DoNotJoinThem_TheAddressMeansTheSourcesNetwork()
    {
        var toRed = Ask(Healthy(), "pod/default/a@blue", "pod/default/c@red");
        var toAddress = Ask(Healthy(), "pod/default/a@blue", "ip/172.19.0.2@blue");

        Assert.Equal(ReachabilityVerdict.NotReachable, toRed.Verdict);
        Assert.Equal((TopologyIds.Network("blue"), HopKind.Network), (toRed.FirstBroken!.Id, toRed.FirstBroken.Kind));
        Assert.Contains("nothing routes between them", toRed.FirstBroken.Reason, StringComparison.Ordinal);
        Assert.Equal(ReachabilityVerdict.Reachable, toAddress.Verdict);
        Assert.Equal(TopologyIds.Interface("default", "b", "blue"), toAddress.Hops[^1].Id); // b holds it on blue, not c on red
    }

    [Fact]
    public void Check_MissingTunnel_BreaksAtTheTunnel()
    {
        var snapshot = Healthy().WithInventory("node-1", i => i with { Tunnels = [.. i.Tunnels.Where(t => t.Network != "blue")] });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.NotReachable, answer.Verdict);
        Assert.Equal((TopologyIds.Tunnel("blue", "node-1", "node-2"), HopKind.Tunnel, "node-1"), (answer.FirstBroken!.Id, answer.FirstBroken.Kind, answer.FirstBroken.Node));
        Assert.Equal("node-1 has no tunnel to node-2 for \"blue\".", answer.FirstBroken.Reason);
    }

    [Fact]
    public void Check_TunnelWithTheWrongVni_BreaksAtTheTunnel_NamingBothVnis()
    {
        var snapshot = Healthy().WithInventory("node-2", i => i with
        {
            Tunnels = [.. i.Tunnels.Select(t => t.Network == "blue" ? t with { Vni = 88 } : t)],
        });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.NotReachable, answer.Verdict);
        Assert.Equal((HopKind.Tunnel, "node-2"), (answer.FirstBroken!.Kind, answer.FirstBroken.Node));
        Assert.Contains("carries VNI 88, but \"blue\" has VNI 56", answer.FirstBroken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TunnelDown_BreaksAtTheTunnel()
    {
        var snapshot = Healthy().WithInventory("node-1", i => i with { Tunnels = [.. i.Tunnels.Select(t => t with { Up = t.Network != "blue" })] });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(HopKind.Tunnel, answer.FirstBroken!.Kind);
        Assert.Equal("The tunnel node-1 → node-2 (VNI 56) is down.", answer.FirstBroken.Reason);
    }

    [Fact]
    public void Check_DenyingPolicy_BreaksAtTheDestinationsIngressRules_NamingThePolicy()
    {
        var snapshot = Healthy()
            .WithObjects(o => o with { Policies = Keyed([s_denyA], p => p.Key) })
            .WithInventory("node-2", i => i with
            {
                Policies = [new PolicyBindingStatus("default", "b", "eth1", "blue") { Policies = ["default/deny-a"], Rules = [new("default/deny-a", "ingress", "Deny", null) { Nets = ["172.19.0.1/32"] }] }],
            });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.NotReachable, answer.Verdict);
        Assert.Equal((TopologyIds.Rules(TopologyIds.Interface("default", "b", "blue"), "ingress"), HopKind.Policy, "node-2"), (answer.FirstBroken!.Id, answer.FirstBroken.Kind, answer.FirstBroken.Node));
        Assert.Equal(TopologyIds.Interface("default", "b", "blue"), answer.FirstBroken.Element);
        Assert.Equal("Denied by ingress rule 1 of policy default/deny-a (Deny nets 172.19.0.1/32).", answer.FirstBroken.Reason);
    }

    [Fact]
    public void Check_PolicyConfiguredButNotYetEnforced_IsReachable_AndSaysTheRulesAreNotApplied()
    {
        var snapshot = Healthy().WithObjects(o => o with { Policies = Keyed([s_denyA], p => p.Key) });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.Reachable, answer.Verdict);
        Assert.Contains("the node enforces 0: not yet applied", answer.Hops.Single(h => h.Kind == HopKind.Policy && h.Node == "node-2").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AllowRuleWithDefaultDeny_AllowsTheNamedPeerAndDeniesOthers()
    {
        var binding = new PolicyBindingStatus("default", "b", "eth1", "blue")
        {
            Rules = [new("default/only-x", "ingress", "Allow", "TCP") { Nets = ["172.19.9.0/24"], Ports = ["80"] }],
        };
        var snapshot = Healthy().WithInventory("node-2", i => i with { Policies = [binding] });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(HopKind.Policy, answer.FirstBroken!.Kind);
        Assert.StartsWith("No ingress rule of default/only-x allows 172.19.0.1: the default deny applies. The configured policies give 0 rules here",
            answer.FirstBroken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InterfaceInTheWrongVrf_BreaksAtThatInterface()
    {
        var snapshot = Healthy().WithInventory("node-2", i => i with
        {
            Taps = [.. i.Taps.Select(t => t.Pod == "b" ? t with { Network = "red" } : t)],
        });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.NotReachable, answer.Verdict);
        Assert.Equal((TopologyIds.Interface("default", "b", "blue"), HopKind.Interface), (answer.FirstBroken!.Id, answer.FirstBroken.Kind));
        Assert.Contains("in the VRF of Network \"red\", but its pod's configuration puts it on \"blue\": wrong VRF", answer.FirstBroken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AgentNotConnected_IsUnknownAtItsFirstHop_NotReachableOrReachable()
    {
        var snapshot = Healthy().WithNode("node-2", n => n with { Connected = false });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.Unknown, answer.Verdict);
        Assert.Equal((HopKind.Tunnel, (bool?)null), (answer.FirstBroken!.Kind, answer.FirstBroken.Ok));
        Assert.StartsWith("The agent on node-2 is not connected (last seen 2026-11-01 12:00:00Z); its last report said:", answer.FirstBroken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Service_GoesThroughItsEntryToABackend()
    {
        var answer = Ask(Healthy(), "pod/default/a@blue", "svc/default/web");

        Assert.Equal(ReachabilityVerdict.Reachable, answer.Verdict);
        Assert.Equal(TopologyIds.Service("default", "web"), answer.Hops[3].Id);
        Assert.Equal(TopologyIds.Interface("default", "b", "blue"), answer.Hops[^1].Id);
    }

    [Fact]
    public void Check_ServiceWithoutEndpoints_BreaksAtTheService()
    {
        var snapshot = Healthy().WithInventory("node-1", i => i with { Services = [.. i.Services.Select(s => s with { Backends = [] })] });

        var answer = Ask(snapshot, "pod/default/a@blue", "svc/default/web");

        Assert.Equal((TopologyIds.Service("default", "web"), HopKind.Service), (answer.FirstBroken!.Id, answer.FirstBroken.Kind));
        Assert.Contains("has no endpoints on \"blue\"", answer.FirstBroken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownPodsNetworksAndServices_AreFieldErrors_NotAnswers()
    {
        var result = ReachabilityEngine.Check(Healthy(), ReachabilityEndpoint.ForPod("default", "ghost", "blue"), ReachabilityEndpoint.ForService("default", "nope"), Now);

        Assert.Null(result.Answer);
        Assert.Equal(["from: No pod default/ghost is known to the console.", "to: No Service default/nope is known to the console."], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Check_PodMtuWithoutRoomForVxlan_WarnsOnTheTunnelOfThePath_WithoutChangingTheVerdict()
    {
        var snapshot = Healthy().WithObjects(o => o with { Nads = o.Nads.SetItem("default/blue-net", o.Nads["default/blue-net"] with { Mtu = 1500 }) });
        var fitting = Healthy().WithObjects(o => o with { Nads = o.Nads.SetItem("default/blue-net", o.Nads["default/blue-net"] with { Mtu = 1450 }) });

        var answer = Ask(snapshot, "pod/default/a@blue", "pod/default/b@blue");

        Assert.Equal(ReachabilityVerdict.Reachable, answer.Verdict);
        var warning = Assert.Single(answer.MtuWarnings);
        Assert.Equal((TopologyIds.Tunnel("blue", "node-1", "node-2"), 1500, 1500), (warning.TunnelId, warning.PodMtu, warning.UnderlayMtu));
        Assert.Contains("Set the NADs' mtu to 1450 or less.", warning.Message, StringComparison.Ordinal);
        Assert.Empty(Ask(fitting, "pod/default/a@blue", "pod/default/b@blue").MtuWarnings);
        Assert.Single(IsolationEngine.Check(snapshot, "blue", "red", Now).Answer!.MtuWarnings);
    }
}
