namespace Multinet.Web.Topology.Reachability;

/// <summary>How two Networks leak into each other on the dataplane.</summary>
public enum IsolationViolationKind
{
    /// <summary>Both Networks' VRFs use one table id on a node.</summary>
    SharedTable,

    /// <summary>A route in one Network's VRF leads to an interface or tunnel of the other.</summary>
    CrossVrfRoute,

    /// <summary>A tunnel of one Network carries the other's VNI.</summary>
    ReusedVni,

    /// <summary>A pod interface reported on one Network belongs, by its pod's configuration, to the other.</summary>
    InterfaceInWrongVrf,

    /// <summary>A service entry in one Network's VRF balances to an address only the other Network's pods hold.</summary>
    CrossNetworkBackend,
}
