namespace Multinet.Web.Topology.Reachability;

/// <summary>What a hop of a reachability path is; its id is the <see cref="TopologyIds"/> id of that element.</summary>
public enum HopKind
{
    /// <summary>Both ends on one Network (the Network's id).</summary>
    Network,

    /// <summary>A pod interface on a Network.</summary>
    Interface,

    /// <summary>The policy rules bound to an interface (the interface's id; the reason names the rule).</summary>
    Policy,

    /// <summary>A Network's VRF on a node.</summary>
    Vrf,

    /// <summary>A Network's VXLAN tunnel between two nodes.</summary>
    Tunnel,

    /// <summary>A network-aware Service and its entry on the source node.</summary>
    Service,

    /// <summary>An address that no pod interface on the Network holds (the Network's id).</summary>
    Address,
}
