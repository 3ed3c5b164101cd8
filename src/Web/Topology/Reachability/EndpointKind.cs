namespace Multinet.Web.Topology.Reachability;

/// <summary>What a reachability endpoint names.</summary>
public enum EndpointKind
{
    /// <summary>A pod's (or a VM launcher pod's) interface on one Network: <c>pod/ns/name@network</c>.</summary>
    Pod,

    /// <summary>An address on one Network, whoever holds it: <c>ip/10.0.0.5@network</c>.</summary>
    Address,

    /// <summary>A network-aware Service, on the Network its annotation names: <c>svc/ns/name</c>.</summary>
    Service,
}
