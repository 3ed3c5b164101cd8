using System.Collections.Immutable;
using Multinet.Shared.Cluster;

namespace Multinet.Shared.Domain;

public static partial class Planner
{
    /// <summary>
    /// The network-aware service entries of the view: the <see cref="NodePlan.Services"/> of <see cref="Plan(string, ClusterView)"/>,
    /// which are the same on every node (a Service's entries depend on the cluster, not on the node). A view holding only
    /// some Services gives exactly their entries, so one Service's entries are computed without planning anything else.
    /// </summary>
    public static ImmutableArray<ServiceEntrySpec> PlanServiceEntries(ClusterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var problems = new List<PlanProblem>();
        return PlanServices(new PlanContext("", view, PlanVrfs(view.Networks, problems), problems));
    }

    /// <summary>
    /// What the node's own pods make of its plan: the <see cref="NodePlan.Vrfs"/>, <see cref="NodePlan.Interfaces"/> and
    /// <see cref="NodePlan.Policies"/> of <see cref="Plan(string, ClusterView)"/>, without tunnels, routes or service entries
    /// (empty here), and with only the problems of those parts. Only the node's pods are read, so a view holding just them
    /// gives the same: the cost follows the node's pods, not the cluster's. A pod's interfaces depend on that pod alone (and
    /// the Networks and NADs), so a view holding some of the node's pods gives exactly their interfaces.
    /// </summary>
    public static NodePlan PlanLocalPods(string nodeName, ClusterView view)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentNullException.ThrowIfNull(view);

        var problems = new List<PlanProblem>();
        var networks = PlanVrfs(view.Networks, problems);
        var local = view with { Pods = [.. view.Pods.Where(p => p.NodeName == nodeName)], Nodes = [], Services = [] };
        var context = new PlanContext(nodeName, local, networks, problems);
        var (interfaces, _) = PlanPods(context, []);
        var policies = PlanPolicies(context, interfaces);

        return new NodePlan(nodeName, [.. networks.Values.Select(n => n.Vrf).OrderBy(v => v.TableId)], [.. problems])
        {
            Interfaces = interfaces,
            Policies = policies,
        };
    }
}
