namespace Multinet.Web.Topology;

/// <summary>
/// The ids of topology elements: the graph draws them, reachability answers name its hops by them, and deep links
/// carry them. One format, so a hop of a path always lands on the element it names.
/// </summary>
public static class TopologyIds
{
    /// <summary>A Kubernetes Node (a host running an agent).</summary>
    public static string Node(string node) => $"node:{node}";

    /// <summary>A Network as a whole (cluster-scoped).</summary>
    public static string Network(string network) => $"net:{network}";

    /// <summary>The VRF a Network has on one node.</summary>
    public static string Vrf(string node, string network) => $"vrf:{node}/{network}";

    /// <summary>The VXLAN tunnel of a Network between two nodes; the same id whichever end names it.</summary>
    public static string Tunnel(string network, string nodeA, string nodeB) =>
        string.CompareOrdinal(nodeA, nodeB) <= 0
            ? $"tunnel:{network}/{nodeA}/{nodeB}"
            : $"tunnel:{network}/{nodeB}/{nodeA}";

    /// <summary>A pod, or a VM's launcher pod.</summary>
    public static string Pod(string ns, string name) => $"pod:{ns}/{name}";

    /// <summary>A pod's interface on one Network.</summary>
    public static string Interface(string ns, string pod, string network) => $"if:{ns}/{pod}/{network}";

    /// <summary>
    /// The rules bound to a pod interface for one direction (<c>ingress</c> or <c>egress</c>): a reachability hop of its
    /// own, not drawn; the graph marks it on the interface (<see cref="Interface"/>) it belongs to.
    /// </summary>
    public static string Rules(string interfaceId, string direction) => $"rules:{direction}:{interfaceId}";

    /// <summary>A node's pods and VMs on one Network, counted: what an expanded Network draws per node.</summary>
    public static string Group(string network, string node) => $"grp:{network}/{node}";

    /// <summary>A group's link to its node.</summary>
    public static string GroupLink(string network, string node) => $"gl:{network}/{node}";

    /// <summary>A KubeVirt VirtualMachineInstance (its interfaces keep its launcher pod's <see cref="Interface"/> ids).</summary>
    public static string Vm(string ns, string name) => $"vm:{ns}/{name}";

    /// <summary>A network-aware Service.</summary>
    public static string Service(string ns, string name) => $"svc:{ns}/{name}";
}
