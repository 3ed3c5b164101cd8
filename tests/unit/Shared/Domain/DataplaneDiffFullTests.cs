using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Shared.Domain;

/// <summary>The diff over every dataplane object, starting from a dataplane that holds exactly the examples' plan.</summary>
public sealed class DataplaneDiffFullTests
{
    /// <summary>A dataplane holding exactly what <paramref name="plan"/> wants, plus table 0.</summary>
    internal static DataplaneState Applied(NodePlan plan) => new()
    {
        Tables = [new(0, false, "ipv4-VRF:0"), .. plan.Vrfs.Select(v => new DataplaneTable(v.TableId, v.IsIpv6, v.TableName))],
        Tunnels = [.. plan.Tunnels.Select((t, i) => new ObservedTunnel(t, (uint)i + 1, true, default))],
        Interfaces = [.. plan.Interfaces.Select((p, i) => new ObservedPodInterface(p, (uint)i + 100, true, true, default))],
        Routes = plan.Routes,
        Services = plan.Services,
        Policies = plan.Policies,
    };

    private static readonly ClusterView s_view = View();

    private static DataplaneState InSync => Applied(Planner.Plan("node-1", s_view));

    private static string[] Described(IEnumerable<DataplaneOperation> ops) => [.. ops.Select(o => o.Describe())];

    private static string Kind(DataplaneOperation op) => op.GetType().Name;

    [Fact]
    public void Compute_InSyncNode_GivesNoOperations()
    {
        Assert.Empty(DataplaneDiff.Compute(Planner.Plan("node-1", s_view), InSync));
    }

    [Fact]
    public void Compute_FromEmpty_AddsInDependencyOrder()
    {
        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", s_view), DataplaneState.Empty);

        Assert.Equal(
            [
                "AddTable", "AddTable", "AddTunnel", "AddTunnel", "AddTunnel", "AddTunnel", "AddPodInterface", "AddPodInterface",
                "AddRoute", "AddRoute", "AddRoute", "AddServiceEntry", "BindPolicy",
            ],
            ops.Select(Kind));
    }

    [Fact]
    public void Compute_NetworkDeleted_RemovesEverythingItCreatedInReverseOrderAndNothingElse()
    {
        var withoutRed = s_view with { Networks = [s_view.Networks[0]] };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", withoutRed), InSync);

        Assert.Equal(
            [
                "unbinding policy rules from default/samplepod/memif-eth2",
                "deleting route 172.20.0.5/32 in table 88",
                "deleting memif default/samplepod/memif-eth2",
                "deleting vxlan tunnel 10.0.0.1 -> 10.0.0.2 vni 88",
                "deleting vxlan tunnel 10.0.0.1 -> 10.0.0.3 vni 88",
                "deleting ip4 table 88",
            ],
            Described(ops));
        Assert.All(ops, op => Assert.Equal("red", op.Network));
    }

    [Fact]
    public void Compute_VniEdited_MovesEveryObjectOfThatNetworkToTheNewTable()
    {
        var edited = s_view with { Networks = [Network("blue", 57, "172.19.0.0/16", generation: 2), s_view.Networks[1]] };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", edited), InSync);

        Assert.All(ops, op => Assert.Equal("blue", op.Network));
        Assert.Equal(
            [
                "DeleteServiceEntry", "DeleteRoute", "DeleteRoute", "DeleteTunnel", "DeleteTunnel",
                "AddTable", "MovePodInterface", "DeleteTable",
                "AddTunnel", "AddTunnel", "AddRoute", "AddRoute", "AddServiceEntry",
            ],
            ops.Select(Kind));
        Assert.Contains("adding vxlan tunnel 10.0.0.1 -> 10.0.0.2 vni 57", Described(ops));
        Assert.Contains(new DataplaneOperation.AddTable(new(57, false, "multinet:blue")), ops);
        var move = Assert.Single(ops.OfType<DataplaneOperation.MovePodInterface>());
        Assert.Equal((100u, 56u, 57u, "172.19.0.5/32"), (move.Interface.SwIfIndex, move.Interface.Spec.TableId, move.Target.TableId, move.Target.Address));
        Assert.Equal("moving tap default/samplepod/eth1 from table 56 to table 57", move.Describe());
    }

    [Fact]
    public void Compute_VniEditedOfANetworkWithAPolicy_MovesTheMemifAndKeepsItsPolicyBinding()
    {
        var edited = s_view with { Networks = [s_view.Networks[0], Network("red", 89, "172.20.0.0/16", generation: 2)] };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", edited), InSync);

        Assert.Equal(
            [
                "deleting route 172.20.0.5/32 in table 88",
                "deleting vxlan tunnel 10.0.0.1 -> 10.0.0.2 vni 88",
                "deleting vxlan tunnel 10.0.0.1 -> 10.0.0.3 vni 88",
                "adding ip4 table 89",
                "moving memif default/samplepod/memif-eth2 from table 88 to table 89",
                "deleting ip4 table 88",
                "adding vxlan tunnel 10.0.0.1 -> 10.0.0.2 vni 89",
                "adding vxlan tunnel 10.0.0.1 -> 10.0.0.3 vni 89",
                "adding route 172.20.0.5/32 in table 89",
            ],
            Described(ops));
        var moved = Applied(Planner.Plan("node-1", edited));
        Assert.Empty(DataplaneDiff.Compute(Planner.Plan("node-1", edited), moved));
    }

    [Fact]
    public void Compute_VniTakenOverFromADeletedNetwork_EmptiesAndReplacesThatTableBeforeMovingIntoIt()
    {
        var edited = s_view with { Networks = [Network("red", 56, "172.20.0.0/16", generation: 2)] };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", edited), InSync);

        var order = Described(ops).ToList();
        var blueTableGone = order.IndexOf("deleting ip4 table 56");
        var redTableAdded = order.IndexOf("adding ip4 table 56");
        var memifMoved = order.IndexOf("moving memif default/samplepod/memif-eth2 from table 88 to table 56");
        Assert.True(order.IndexOf("deleting tap default/samplepod/eth1") < blueTableGone);
        Assert.True(blueTableGone < redTableAdded && redTableAdded < memifMoved && memifMoved < order.IndexOf("deleting ip4 table 88"),
            string.Join(Environment.NewLine, order));
        Assert.DoesNotContain(ops, op => op is DataplaneOperation.DeletePodInterface { Interface.Spec.Network: "red" } or DataplaneOperation.AddPodInterface);
    }

    [Fact]
    public void Compute_RangeEditedToIpv6_ReplacesTheTableAndReAddsWhatWasInIt()
    {
        var edited = s_view with
        {
            Networks = [Network("blue", 56, "fd00:19::/64", generation: 2), s_view.Networks[1]],
            Pods = [Pod("samplepod", "node-1", Labels(("app", "MyApp"), ("demo", "demo")), Blue("fd00:19::5"), Red("172.20.0.5"))],
        };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", edited), InSync);

        Assert.Contains(new DataplaneOperation.DeleteTable(new(56, false, "multinet:blue")), ops);
        Assert.Contains(new DataplaneOperation.AddTable(new(56, true, "multinet:blue")), ops);
        Assert.Contains("deleting vxlan tunnel 10.0.0.1 -> 10.0.0.2 vni 56", Described(ops));
        Assert.Contains("adding vxlan tunnel 10.0.0.1 -> 10.0.0.2 vni 56", Described(ops));
        Assert.Contains("adding route fd00:19::5/128 in table 56", Described(ops));
        Assert.DoesNotContain(ops, op => op.Network == "red");
        var firstAdd = ops.ToList().FindIndex(op => op is DataplaneOperation.AddTable);
        Assert.True(ops.Take(firstAdd).All(op => op.GetType().Name.StartsWith("Delete", StringComparison.Ordinal) || op is DataplaneOperation.UnbindPolicy));
    }

    [Fact]
    public void Compute_PhysicalNetworkEdited_RecreatesThatNetworksTunnelsInTheNewEncapTable()
    {
        var edited = s_view with { Networks = [s_view.Networks[0], Network("red", 88, "172.20.0.0/16", physical: "blue", generation: 2)] };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", edited), InSync);

        Assert.Equal(["DeleteTunnel", "DeleteTunnel", "AddTunnel", "AddTunnel"], ops.Select(Kind));
        Assert.All(ops.OfType<DataplaneOperation.AddTunnel>(), op => Assert.Equal(56u, op.Tunnel.EncapTableId));
        Assert.All(ops, op => Assert.Equal("red", op.Network));
    }

    [Fact]
    public void Compute_PeerLeaves_RemovesItsTunnelsAndTheRoutesThroughThem()
    {
        var withPodOnNode3 = s_view with { Pods = [.. s_view.Pods, Pod("third", "node-3", Labels(), Blue("172.19.0.33"))] };
        var before = Applied(Planner.Plan("node-1", withPodOnNode3));
        var gone = withPodOnNode3 with { Nodes = [.. s_view.Nodes.Take(2)], Pods = s_view.Pods };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", gone), before);

        Assert.Equal(
            [
                "deleting route 172.19.0.33/32 in table 56",
                "deleting vxlan tunnel 10.0.0.1 -> 10.0.0.3 vni 56",
                "deleting vxlan tunnel 10.0.0.1 -> 10.0.0.3 vni 88",
            ],
            Described(ops));
    }

    [Fact]
    public void Compute_ServiceBackendsAndPolicyRulesChange_AreUpdatedInPlace()
    {
        var changed = s_view with
        {
            Pods = [.. s_view.Pods, Pod("newpod", "node-2", Labels(("app", "MyApp")), Blue("172.19.0.10"))],
            Policies = [s_view.Policies[0] with { Ingress = [.. s_view.Policies[0].Ingress, new ClusterPolicyRule("Deny", "UDP", "red")] }],
        };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", changed), InSync);

        Assert.Equal(["AddRoute", "AddServiceEntry", "BindPolicy"], ops.Select(Kind));
        Assert.Equal(["172.19.0.10:9376", "172.19.0.5:9376", "172.19.0.9:9376"], ops.OfType<DataplaneOperation.AddServiceEntry>().Single().Service.Backends);
        Assert.Equal(2, ops.OfType<DataplaneOperation.BindPolicy>().Single().Binding.Rules.Length);
    }

    [Fact]
    public void Compute_PodAddressChanges_ReplacesItsRouteNotItsInterfaceOrBinding()
    {
        // The address lives in the pod and in the host route through its interface, not on the interface.
        var renamed = s_view with { Pods = [Pod("samplepod", "node-1", Labels(("app", "MyApp"), ("demo", "demo")), Blue("172.19.0.5"), Red("172.20.0.6")), s_view.Pods[1]] };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", renamed), InSync);

        Assert.Equal(["DeleteRoute", "AddRoute"], ops.Select(Kind));
        Assert.Equal(["deleting route 172.20.0.5/32 in table 88", "adding route 172.20.0.6/32 in table 88"], Described(ops));
    }

    [Fact]
    public void Compute_ForeignObjects_AreNeverTouched()
    {
        var foreignTunnel = new ObservedTunnel(new TunnelSpec("", "", 4096, "10.0.0.1", "10.0.0.9", 0, 0), 900, true, default);
        var actual = InSync with
        {
            Tables = [.. InSync.Tables, new(7, false, "uplink")],
            Tunnels = [.. InSync.Tunnels, foreignTunnel],
            Routes = [.. InSync.Routes, new RouteSpec("", 0, "0.0.0.0/0") { ViaTunnelKey = foreignTunnel.Spec.Key }, new RouteSpec("", 7, "10.7.0.0/16") { ViaTunnelKey = "x" }],
        };

        Assert.Empty(DataplaneDiff.Compute(Planner.Plan("node-1", s_view), actual));
    }

    [Fact]
    public void Compute_TableIdHeldByAnotherOwner_PlansNothingInIt()
    {
        var actual = new DataplaneState { Tables = [new(56, false, "uplink-vrf")] };

        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", s_view), actual);

        Assert.All(ops, op => Assert.Equal("red", op.Network));
        Assert.Contains(new DataplaneOperation.AddTable(new(88, false, "multinet:red")), ops);
    }

    [Fact]
    public void Compute_ServiceAndPolicyDeleted_RemoveTheirEntryAndBindingOnly()
    {
        var ops = DataplaneDiff.Compute(Planner.Plan("node-1", s_view with { Services = [], Policies = [] }), InSync);

        Assert.Equal(
            ["unbinding policy rules from default/samplepod/memif-eth2", "deleting service entry 10.96.0.10:80/TCP for default/my-service"],
            Described(ops));
    }

    [Fact]
    public void Compute_ServiceLosesItsLastBackend_IsDeletedNeverSentEmpty_AndAnEmptyOneIsNeverAdded()
    {
        var noPods = s_view with { Pods = [] };

        var lost = DataplaneDiff.Compute(Planner.Plan("node-1", noPods), InSync);
        var fresh = DataplaneDiff.Compute(Planner.Plan("node-1", noPods), new DataplaneState { Tables = InSync.Tables });

        Assert.Contains(lost, op => op is DataplaneOperation.DeleteServiceEntry);
        Assert.DoesNotContain(lost, op => op is DataplaneOperation.AddServiceEntry);
        Assert.DoesNotContain(fresh, op => op is DataplaneOperation.AddServiceEntry);
    }

    [Fact]
    public void Compute_ServiceReportedWithoutItsOwner_IsTheWantedEntryOfItsVip()
    {
        // A driver that cannot store a translation's owner (VPP's cnat) reports it without namespace, name, network or table.
        var anonymous = InSync with { Services = [.. InSync.Services.Select(s => new ServiceEntrySpec("", "", "", 0, s.Vip, s.Port, s.Protocol.ToUpperInvariant()) { Backends = [.. s.Backends.Reverse()] })] };

        Assert.Empty(DataplaneDiff.Compute(Planner.Plan("node-1", s_view), anonymous));
    }
}
