namespace Multinet.Web.Topology;

/// <summary>What a topology element stands for.</summary>
public enum TopologyElementKind
{
    Host,
    Network,
    Pod,
    Service,
    Vrf,
    Tunnel,
    Interface,
    Endpoint,
    Group,
    GroupLink,
    Vm,
}
