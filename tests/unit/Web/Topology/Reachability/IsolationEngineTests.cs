using Multinet.Shared.Domain;
using Multinet.Web.Topology;
using Multinet.Web.Topology.Reachability;
using static Multinet.UnitTests.Web.Topology.Reachability.ReachabilityScenario;

namespace Multinet.UnitTests.Web.Topology.Reachability;

public sealed class IsolationEngineTests
{
    [Fact]
    public void Check_HealthyNetworksWithOverlappingRanges_AreIsolated_AndTheOverlapIsNotedNotCounted()
    {
        var answer = IsolationEngine.Check(Healthy(), "blue", "red", Now).Answer!;

        Assert.True(answer.Isolated);
        Assert.Empty(answer.Violations);
        Assert.Equal(["node-1", "node-2"], answer.CheckedNodes);
        Assert.Contains("The ranges overlap (172.19.0.0/16 and 172.19.0.0/16): not a violation by itself", Assert.Single(answer.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ListsEveryViolationFound_OnEveryNode()
    {
        var snapshot = Healthy()
            .WithInventory("node-1", i => i with
            {
                Vrfs = [Vrf("blue", 56), Vrf("red", 56)],
                Tunnels = [.. i.Tunnels.Select(t => t.Network == "red" ? t with { Vni = 56 } : t)],
            })
            .WithInventory("node-2", i => i with
            {
                Taps = [.. i.Taps.Select(t => t.Pod == "b" ? t with { Network = "red" } : t)],
                Routes = [.. i.Routes, new RouteStatus("blue", "172.19.0.9/32", "default/c/eth1")],
            });

        var answer = IsolationEngine.Check(snapshot, "blue", "red", Now).Answer!;

        Assert.False(answer.Isolated);
        Assert.Equal(
            [
                (IsolationViolationKind.SharedTable, "node-1", TopologyIds.Vrf("node-1", "blue")),
                (IsolationViolationKind.ReusedVni, "node-1", TopologyIds.Tunnel("red", "node-1", "node-2")),
                (IsolationViolationKind.CrossVrfRoute, "node-2", TopologyIds.Vrf("node-2", "blue")),
                (IsolationViolationKind.InterfaceInWrongVrf, "node-2", TopologyIds.Interface("default", "b", "blue")),
            ],
            answer.Violations.Select(v => (v.Kind, v.Node!, v.Id)));
        Assert.Equal("On node-2 the tap default/b/eth1 is in the VRF of \"red\", but its pod's configuration puts it on \"blue\".", answer.Violations[3].Message);
    }

    [Fact]
    public void Check_NetworksConfiguredWithOneVni_IsAViolationEvenBeforeAnyNodeReports()
    {
        var snapshot = Healthy() with { Nodes = Keyed<Multinet.Web.State.NodeView>([], n => n.Name) };
        snapshot = snapshot with { Networks = snapshot.Networks.SetItem("red", TestSupport.TestNetworks.Make("red", 56, "172.20.0.0/16")) };

        var answer = IsolationEngine.Check(snapshot, "blue", "red", Now).Answer!;

        var violation = Assert.Single(answer.Violations);
        Assert.Equal((IsolationViolationKind.ReusedVni, (string?)null), (violation.Kind, violation.Node));
        Assert.Contains("No node reports its dataplane: only the configuration was checked.", answer.Notes);
    }

    [Theory]
    [InlineData("", "red", "a: Required: the name of a Network.")]
    [InlineData("blue", "green", "b: No Network named \"green\" is known to the console.")]
    [InlineData("blue", "blue", "b: \"blue\" is the same Network as a: name two different Networks.")]
    public void Check_MissingUnknownOrSameNetworks_AreFieldErrors(string a, string b, string expected)
    {
        var result = IsolationEngine.Check(Healthy(), a, b, Now);

        Assert.Null(result.Answer);
        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
    }
}
