using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Shared.Cluster;

public sealed class NetworkStatusCalculatorTests
{
    private static readonly DateTime s_now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static ClusterNode Node(string name, params (string Network, long Generation, string State, string? Error)[] states) =>
        new(name, "10.0.0.1", null)
        {
            NetworkStates = states.ToImmutableDictionary(s => s.Network, s => new NodeNetworkState(s.Generation, s.State, s.Error)),
        };

    private static string? Condition(NetworkStatus status, string type) => status.Conditions?.Single(c => c.Type == type).Status;

    [Fact]
    public void Compute_CountsNodesThatAppliedTheCurrentGenerationAndNamesErrors()
    {
        var blue = TestNetworks.Blue(generation: 2);
        var view = new ClusterView
        {
            Networks = [blue, TestNetworks.Red()],
            Nodes =
            [
                Node("node-1", ("blue", 2, "Applied", null)),
                Node("node-2", ("blue", 1, "Applied", null)), // an older generation is not ready
                Node("node-3", ("blue", 2, "Error", "vxlan_add_del_tunnel_v3: -1")),
                Node("node-4"),
            ],
        };

        var status = NetworkStatusCalculator.Compute(blue, view, s_now);

        Assert.Equal((2L, 1, 4), (status.ObservedGeneration, status.NodesReady, status.NodesTotal));
        Assert.Equal(("node-3", "vxlan_add_del_tunnel_v3: -1"), (status.NodeErrors!.Single().Node, status.NodeErrors!.Single().Message));
        Assert.Equal("False", Condition(status, NetworkStatusCalculator.ReadyCondition));
        Assert.Equal("True", Condition(status, NetworkStatusCalculator.DegradedCondition));
        Assert.Equal("Failed on node-3: vxlan_add_del_tunnel_v3: -1", status.Conditions!.Single(c => c.Type == "Degraded").Message);
        Assert.Equal("False", Condition(status, NetworkStatusCalculator.VniConflictCondition));
        Assert.Equal("False", Condition(status, NetworkStatusCalculator.RangeOverlapCondition));
    }

    [Fact]
    public void Compute_AllNodesApplied_IsReady()
    {
        var blue = TestNetworks.Blue();
        var view = new ClusterView { Networks = [blue], Nodes = [Node("node-1", ("blue", 1, "Applied", null)), Node("node-2", ("blue", 1, "Applied", null))] };

        var status = NetworkStatusCalculator.Compute(blue, view, s_now);

        Assert.Equal("True", Condition(status, NetworkStatusCalculator.ReadyCondition));
        Assert.Equal("Applied on all 2 nodes.", status.Conditions!.Single(c => c.Type == "Ready").Message);
        Assert.Empty(status.NodeErrors!);
    }

    [Fact]
    public void Compute_DuplicateVniAndOverlappingRange_RaiseTheirConditions()
    {
        var blue = TestNetworks.Blue();
        var twin = TestNetworks.Make("twin", 56, "172.19.128.0/17");
        var view = new ClusterView { Networks = [blue, twin] };

        var status = NetworkStatusCalculator.Compute(blue, view, s_now);

        var vni = status.Conditions!.Single(c => c.Type == NetworkStatusCalculator.VniConflictCondition);
        Assert.Equal(("True", "DuplicateVni"), (vni.Status, vni.Reason));
        Assert.Contains("\"twin\"", vni.Message, StringComparison.Ordinal);
        var overlap = status.Conditions!.Single(c => c.Type == NetworkStatusCalculator.RangeOverlapCondition);
        Assert.Equal("True", overlap.Status);
        Assert.Contains("172.19.128.0/17", overlap.Message, StringComparison.Ordinal);
        Assert.Equal(("False", "NoNodes"), (Condition(status, "Ready"), status.Conditions!.Single(c => c.Type == "Ready").Reason));
    }

    [Fact]
    public void Compute_UnchangedCondition_KeepsItsTransitionTime()
    {
        var blue = TestNetworks.Blue();
        var view = new ClusterView { Networks = [blue], Nodes = [Node("node-1", ("blue", 1, "Applied", null))] };
        blue.Status = NetworkStatusCalculator.Compute(blue, view, s_now);

        var later = NetworkStatusCalculator.Compute(blue, view with { Nodes = [.. view.Nodes, Node("node-2")] }, s_now.AddMinutes(5));

        Assert.Equal(s_now.AddMinutes(5), later.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime); // True -> False
        Assert.Equal(s_now, later.Conditions!.Single(c => c.Type == "Degraded").LastTransitionTime);
        Assert.False(NetworkStatusCalculator.Equivalent(blue.Status, later));
        Assert.True(NetworkStatusCalculator.Equivalent(blue.Status, NetworkStatusCalculator.Compute(blue, view, s_now.AddHours(1))));
    }

    [Fact]
    public void NodeNetworkStates_RoundTripAndReportBadJson()
    {
        var text = NodeNetworkStates.Serialize(new Dictionary<string, NodeNetworkState>
        {
            ["red"] = new(3, "Error", "no route"),
            ["blue"] = new(2, "Applied"),
        });

        Assert.Equal("""{"blue":{"generation":2,"state":"Applied"},"red":{"generation":3,"state":"Error","error":"no route"}}""", text);
        Assert.Equal(new NodeNetworkState(3, "Error", "no route"), NodeNetworkStates.Parse(text).States["red"]);
        Assert.StartsWith($"metadata.annotations[{CniConstants.NodeNetworkStateAnnotation}]: not valid JSON", NodeNetworkStates.Parse("{").Error, StringComparison.Ordinal);
        Assert.Equal($"metadata.annotations[{CniConstants.NodeNetworkStateAnnotation}][blue]: must be an object with a \"state\" string.",
            NodeNetworkStates.Parse("""{"blue": 1}""").Error);
    }
}
