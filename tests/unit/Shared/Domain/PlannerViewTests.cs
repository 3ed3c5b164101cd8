using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Shared.Domain;

/// <summary>The planner over the examples/ folder on three nodes: what node-1 must hold, exactly.</summary>
public sealed class PlannerViewTests
{
    [Fact]
    public void Plan_Examples_Node1GetsVrfsFullMeshAndItsPodsInterfaces()
    {
        var plan = Planner.Plan("node-1", View());

        Assert.Empty(plan.Problems);
        Assert.Equal(["blue:56", "red:88"], plan.Vrfs.Select(v => $"{v.Network}:{v.TableId}"));
        Assert.Equal(
            [
                new TunnelSpec("blue", "node-2", 56, "10.0.0.1", "10.0.0.2", 0, 56),
                new TunnelSpec("blue", "node-3", 56, "10.0.0.1", "10.0.0.3", 0, 56),
                new TunnelSpec("red", "node-2", 88, "10.0.0.1", "10.0.0.2", 0, 88),
                new TunnelSpec("red", "node-3", 88, "10.0.0.1", "10.0.0.3", 0, 88),
            ],
            plan.Tunnels);
        Assert.Equal(
            [
                new PodInterfaceSpec(PodInterfaceKind.Tap, "default", "samplepod", "eth1", "blue", 56, "172.19.0.5/32"),
                new PodInterfaceSpec(PodInterfaceKind.Memif, "default", "samplepod", "memif-eth2", "red", 88, "172.20.0.5/32")
                {
                    MemifSocket = "/run/vpp/memif/default-samplepod-memif-eth2.sock",
                },
            ],
            plan.Interfaces);
    }

    [Fact]
    public void Plan_Examples_RoutesLocalPodsViaTheirInterfaceAndRemotePodsViaTheTunnel()
    {
        var plan = Planner.Plan("node-1", View());

        Assert.Equal(
            [
                new RouteSpec("blue", 56, "172.19.0.5/32") { ViaInterfaceTag = "mn:default/samplepod/eth1", Via = "default/samplepod/eth1" },
                new RouteSpec("blue", 56, "172.19.0.9/32") { ViaTunnelKey = Tunnel12Blue, Via = "node-2" },
                new RouteSpec("red", 88, "172.20.0.5/32") { ViaInterfaceTag = "mn:default/samplepod/memif-eth2", Via = "default/samplepod/memif-eth2" },
            ],
            plan.Routes);
    }

    [Fact]
    public void Plan_Examples_ServiceEntryOnBlueToEveryMyAppPodThere()
    {
        var plan = Planner.Plan("node-1", View());

        var entry = Assert.Single(plan.Services);
        Assert.Equal(new ServiceEntrySpec("default", "my-service", "blue", 56, "10.96.0.10", 80, "TCP") { Backends = entry.Backends }, entry);
        Assert.Equal(["172.19.0.5:9376", "172.19.0.9:9376"], entry.Backends);
    }

    [Fact]
    public void Plan_Examples_OnlyTheRedRuleOfMyPolicyIsBoundAndOnlyToTheRedInterface()
    {
        var plan = Planner.Plan("node-1", View());

        var binding = Assert.Single(plan.Policies);
        Assert.Equal(("mn:default/samplepod/memif-eth2", "red"), (binding.InterfaceTag, binding.Network));
        Assert.Equal(["default/my-policy"], binding.Policies);
        var rule = Assert.Single(binding.Rules);
        Assert.Equal(new PolicyRuleSpec("default/my-policy", "ingress", "Allow", "TCP") { Nets = rule.Nets, Ports = rule.Ports }, rule);
        Assert.Equal(["7809"], rule.Ports);
    }

    [Fact]
    public void Plan_Node2_SeesSamplepodThroughTheTunnelToNode1()
    {
        var plan = Planner.Plan("node-2", View());

        Assert.Equal(["default/otherpod/eth1"], plan.Interfaces.Select(i => $"{i.Namespace}/{i.Pod}/{i.Interface}"));
        Assert.Equal(
            ["56:172.19.0.5/32 node-1 10.0.0.2>10.0.0.1#56", "56:172.19.0.9/32 default/otherpod/eth1 ", "88:172.20.0.5/32 node-1 10.0.0.2>10.0.0.1#88"],
            plan.Routes.Select(r => $"{r.Key} {r.Via} {r.ViaTunnelKey}"));
        Assert.Empty(plan.Policies); // otherpod has no demo label
    }

    [Fact]
    public void Plan_ShuffledInput_GivesTheSamePlan()
    {
        var view = View();
        var shuffled = view with
        {
            Networks = [.. view.Networks.Reverse()],
            Nodes = [.. view.Nodes.Reverse()],
            Pods = [.. view.Pods.Reverse()],
            Nads = [.. view.Nads.Reverse()],
        };

        var a = Planner.Plan("node-1", view);
        var b = Planner.Plan("node-1", shuffled);

        Assert.Equal(a.Vrfs, b.Vrfs);
        Assert.Equal(a.Tunnels, b.Tunnels);
        Assert.Equal(a.Interfaces, b.Interfaces);
        Assert.Equal(a.Routes, b.Routes);
        Assert.Equal(a.Services.Select(s => (s.Key, string.Join(",", s.Backends))), b.Services.Select(s => (s.Key, string.Join(",", s.Backends))));
        Assert.Equal(a.Policies.Select(p => p.InterfaceTag), b.Policies.Select(p => p.InterfaceTag));
    }

    [Fact]
    public void Plan_PhysicalNetworkName_EncapsulatesInThatNetworksVrf()
    {
        var view = View() with { Networks = [Network("blue", 56, "172.19.0.0/16"), Network("red", 88, "172.20.0.0/16", physical: "blue")] };

        var plan = Planner.Plan("node-1", view);

        Assert.All(plan.Tunnels.Where(t => t.Network == "red"), t => Assert.Equal(56u, t.EncapTableId));
        Assert.All(plan.Tunnels.Where(t => t.Network == "blue"), t => Assert.Equal(0u, t.EncapTableId));
    }

    [Fact]
    public void Plan_PhysicalNetworkNameNotAUsableNetwork_NoTunnelsForItAndAProblem()
    {
        var view = View() with { Networks = [Network("blue", 56, "172.19.0.0/16"), Network("red", 88, "172.20.0.0/16", physical: "uplink")] };

        var plan = Planner.Plan("node-1", view);

        Assert.DoesNotContain(plan.Tunnels, t => t.Network == "red");
        Assert.Equal(2, plan.Tunnels.Length);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(("red", "tunnels red"), (problem.Network, problem.Object));
        Assert.Contains("\"uplink\"", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["blue", "red"], plan.Vrfs.Select(v => v.Network)); // the VRF itself stands
    }

    [Fact]
    public void Plan_LocalNodeNotInView_NoTunnelsAndAProblem()
    {
        var view = View() with { Nodes = [new ClusterNode("node-2", "10.0.0.2", null)] };

        var plan = Planner.Plan("node-1", view);

        Assert.Empty(plan.Tunnels);
        Assert.DoesNotContain(plan.Routes, r => r.ViaTunnelKey is not null);
        Assert.Equal("node node-1", Assert.Single(plan.Problems).Object);
    }

    [Fact]
    public void Plan_PeerWithoutAddressOrCommonFamily_IsSkippedWithAProblem_Ipv6UnderlayWhenBothHaveOnlyV6()
    {
        var view = View() with
        {
            Nodes =
            [
                new ClusterNode("node-1", "10.0.0.1", "fd00::1"),
                new ClusterNode("node-2", null, "fd00::2"),
                new ClusterNode("node-3", null, null),
            ],
        };

        var plan = Planner.Plan("node-1", view);

        Assert.Equal(["blue node-2 fd00::1>fd00::2", "red node-2 fd00::1>fd00::2"], plan.Tunnels.Select(t => $"{t.Network} {t.PeerNode} {t.Src}>{t.Dst}"));
        Assert.Equal("node node-3", Assert.Single(plan.Problems).Object);
    }

    [Fact]
    public void Plan_TerminatingPodAndAddressOutsideRange_GetNoInterface()
    {
        var view = View() with
        {
            Pods =
            [
                Pod("leaving", "node-1", Labels(), Blue("172.19.0.7")) with { Terminating = true },
                Pod("stray", "node-1", Labels(), Blue("10.1.1.1")),
            ],
        };

        var plan = Planner.Plan("node-1", view);

        Assert.Empty(plan.Interfaces);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(("blue", "interface default/stray/eth1"), (problem.Network, problem.Object));
    }

    [Fact]
    public void Plan_AttachmentOnForeignNad_IsIgnored()
    {
        var view = View() with { Pods = [Pod("mac", "node-1", Labels(), new PodAttachment("default", "macvlan-conf", "net1", ["192.168.1.5"], null))] };

        var plan = Planner.Plan("node-1", view);

        Assert.Empty(plan.Interfaces);
        Assert.Empty(plan.Problems);
    }

    [Fact]
    public void Plan_MemifQueuesAnnotation_SetsQueuesAndReportsABadEntry()
    {
        var view = View() with
        {
            Pods =
            [
                Pod("fast", "node-1", Labels(), Red("172.20.0.8")) with
                {
                    Annotations = Labels((Planner.MemifQueuesAnnotation, "memif-eth2=4, eth9=many")),
                },
            ],
        };

        var plan = Planner.Plan("node-1", view);

        var memif = Assert.Single(plan.Interfaces);
        Assert.Equal((4, 4), (memif.RxQueues, memif.TxQueues));
        Assert.Contains("eth9=many", Assert.Single(plan.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NetworksOnlyView_PlansVrfsAndNothingElseWithoutProblems()
    {
        var plan = Planner.Plan("node-1", new ClusterView { Networks = View().Networks });

        Assert.Equal(2, plan.Vrfs.Length);
        Assert.True(plan.Tunnels.IsEmpty && plan.Interfaces.IsEmpty && plan.Routes.IsEmpty && plan.Services.IsEmpty && plan.Policies.IsEmpty);
        Assert.Empty(plan.Problems);
    }
}
