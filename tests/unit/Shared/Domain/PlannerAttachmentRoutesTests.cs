using System.Net;
using Multinet.Agent.Dataplane;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Shared.Ipam;
using static Multinet.UnitTests.Shared.Domain.ExampleCluster;

namespace Multinet.UnitTests.Shared.Domain;

/// <summary>A NAD's ipam.routes become routes in the network's VRF through each local attached pod's interface.</summary>
public sealed class PlannerAttachmentRoutesTests
{
    private static ClusterView RoutedView()
    {
        var view = View();
        var routes = new NadRoute[]
        {
            new(IPNetwork.Parse("10.0.0.0/8"), IPAddress.Parse("172.19.0.1")),
            new(IPNetwork.Parse("192.168.0.0/16"), null),
            new(IPNetwork.Parse("10.50.0.0/16"), IPAddress.Parse("172.20.0.1")),
        };
        return view with
        {
            Nads = [.. view.Nads.Select(n => n.Name == "network-blue-conf" ? n with { Routes = [.. routes] } : n)],
            Pods = [.. view.Pods, Pod("second", "node-1", Labels(), Blue("172.19.0.6"))],
        };
    }

    [Fact]
    public void Plan_NadRoutes_OnePathPerLocalInterface_GatewayOutsideTheRangeIsAProblem()
    {
        var plan = Planner.Plan("node-1", RoutedView());

        Assert.Equal(
            [
                "56:10.0.0.0/8@mn:default/samplepod/eth1 via 172.19.0.1 (default/samplepod/eth1 via 172.19.0.1)",
                "56:10.0.0.0/8@mn:default/second/eth1 via 172.19.0.1 (default/second/eth1 via 172.19.0.1)",
                "56:192.168.0.0/16@mn:default/samplepod/eth1 via  (default/samplepod/eth1 on link)",
                "56:192.168.0.0/16@mn:default/second/eth1 via  (default/second/eth1 on link)",
            ],
            plan.Routes.Where(r => r.Attachment).Select(r => $"{r.Key} via {r.Gateway} ({r.Via})"));
        Assert.Equal(
            [
                "NetworkAttachmentDefinition default/network-blue-conf: ipam.routes[2]: gw 172.20.0.1 is outside the range 172.19.0.0/16: a gateway must be reachable on the network. The route is not applied.",
                "NetworkAttachmentDefinition default/network-blue-conf: ipam.routes[2]: gw 172.20.0.1 is outside the range 172.19.0.0/16: a gateway must be reachable on the network. The route is not applied.",
            ],
            plan.Problems.Select(p => p.Message));
        // otherpod's node holds the routes through otherpod's interface, none through node-1's pods.
        Assert.Equal(["mn:default/otherpod/eth1", "mn:default/otherpod/eth1"],
            Planner.Plan("node-2", RoutedView()).Routes.Where(r => r.Attachment).Select(r => r.ViaInterfaceTag));
    }

    [Fact]
    public async Task Apply_OnTheSimulatedDataplane_HoldsTheRoutes_ThenIsInSync_AndRemovesThemWithTheNad()
    {
        var token = TestContext.Current.CancellationToken;
        var dataplane = new SimulatedDataplane();
        var plan = Planner.Plan("node-1", RoutedView());
        foreach (var operation in DataplaneDiff.Compute(plan, await dataplane.DumpAsync(token)))
        {
            await dataplane.ApplyAsync(operation, token);
        }

        var state = await dataplane.DumpAsync(token);
        Assert.Equal(4, state.Routes.Count(r => r.Attachment));
        Assert.Empty(DataplaneDiff.Compute(plan, state));

        var unrouted = Planner.Plan("node-1", View() with { Pods = RoutedView().Pods });
        var removals = DataplaneDiff.Compute(unrouted, state);
        Assert.Equal(4, removals.Count);
        Assert.All(removals, o => Assert.True(o is DataplaneOperation.DeleteRoute { Route.Attachment: true }, o.Describe()));
    }
}
