using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>
/// A VXLAN tunnel to one peer node for one network: encapsulated in <paramref name="EncapTableId"/> (the VRF of the
/// network's physicalNetworkName, 0 = default) and decapsulated into <paramref name="TableId"/> (the network's VRF).
/// Identified on the dataplane by (<paramref name="Src"/>, <paramref name="Dst"/>, <paramref name="Vni"/>).
/// </summary>
public sealed record TunnelSpec(string Network, string PeerNode, uint Vni, string Src, string Dst, uint EncapTableId, uint TableId)
{
    public string Key => $"{Src}>{Dst}#{Vni}";
}

public enum PodInterfaceKind
{
    Tap,
    Memif,
}

/// <summary>
/// A pod's attachment on this node: a memif (VPP is master; one socket per pod interface) or a tap, placed in the
/// network's VRF. <paramref name="Address"/> is the pod's address on the network as a host prefix (/32 or /128).
/// </summary>
public sealed record PodInterfaceSpec(PodInterfaceKind Kind, string Namespace, string Pod, string Interface, string Network, uint TableId, string Address)
{
    /// <summary>The tag VPP stores with the interface; the prefix marks interfaces this product owns.</summary>
    public string Tag => DataplaneNames.InterfaceTag(Namespace, Pod, Interface);

    public string? MemifSocket { get; init; }

    public int RxQueues { get; init; } = 1;

    public int TxQueues { get; init; } = 1;

    public string? Mac { get; init; }
}

/// <summary>
/// A route in a network's VRF: to a local pod through its interface (<see cref="ViaInterfaceTag"/>), or to a remote
/// pod through the tunnel to its node (<see cref="ViaTunnelKey"/>).
/// </summary>
public sealed record RouteSpec(string Network, uint TableId, string Prefix)
{
    /// <summary>Host routes are one per prefix; an attachment's NAD route is one per prefix and interface (a path of a multipath route).</summary>
    public string Key => Attachment ? $"{TableId}:{Prefix}@{ViaInterfaceTag}" : $"{TableId}:{Prefix}";

    /// <summary>A route from the attachment's NAD (<c>ipam.routes</c>), through the pod's interface to <see cref="Gateway"/> (null: on link).</summary>
    public bool Attachment { get; init; }

    /// <summary>The next hop of an attachment's route; null for host routes and on-link routes.</summary>
    public string? Gateway { get; init; }

    public string? ViaInterfaceTag { get; init; }

    public string? ViaTunnelKey { get; init; }

    /// <summary>For display: the pod interface (<c>ns/pod/iface</c>) or the peer node the route leads to.</summary>
    public string Via { get; init; } = "";
}

/// <summary>A network-aware service entry: the VIP and port, in the network's VRF, load-balanced to the backends (<c>ip:port</c>).</summary>
public sealed record ServiceEntrySpec(string Namespace, string Name, string Network, uint TableId, string Vip, int Port, string Protocol)
{
    public string Key => $"{Namespace}/{Name}/{Network}/{Vip}:{Port}/{Protocol}";

    public ImmutableArray<string> Backends { get; init; } = [];
}

/// <summary>The policy rules bound to one pod interface on one network.</summary>
public sealed record PolicyBindingSpec(string InterfaceTag, string Namespace, string Pod, string Interface, string Network)
{
    public ImmutableArray<string> Policies { get; init; } = [];

    public ImmutableArray<PolicyRuleSpec> Rules { get; init; } = [];

    /// <summary>
    /// Set by a driver that reads the binding back without its policies and rules (after an agent restart): the
    /// <see cref="PolicyBindingDigest"/> of the content it was bound with, which the diff compares instead.
    /// </summary>
    public string? ReadBackDigest { get; init; }
}

/// <summary>One rule as the dataplane enforces it.</summary>
public sealed record PolicyRuleSpec(string Policy, string Direction, string Action, string? Protocol)
{
    public ImmutableArray<string> Nets { get; init; } = [];

    public ImmutableArray<string> Ports { get; init; } = [];
}

/// <summary>Packet and byte counters of one interface.</summary>
public readonly record struct InterfaceCounters(ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes, ulong Drops);

/// <summary>A tunnel as the dataplane reports it.</summary>
public sealed record ObservedTunnel(TunnelSpec Spec, uint SwIfIndex, bool Up, InterfaceCounters Counters);

/// <summary>A pod interface as the dataplane reports it; <see cref="Role"/> and <see cref="Mode"/> only for memif.</summary>
public sealed record ObservedPodInterface(PodInterfaceSpec Spec, uint SwIfIndex, bool AdminUp, bool LinkUp, InterfaceCounters Counters)
{
    public string? Role { get; init; }

    public string? Mode { get; init; }

    public string? HostInterfaceName { get; init; }

    /// <summary>The interface's MAC address (<c>aa:bb:cc:dd:ee:ff</c>) as the dataplane reports it; null when unknown.</summary>
    public string? Mac { get; init; }
}

/// <summary>Everything the dataplane holds that the reconciler compares with the plan.</summary>
public sealed record DataplaneState
{
    public static DataplaneState Empty { get; } = new();

    public ImmutableArray<DataplaneTable> Tables { get; init; } = [];

    public ImmutableArray<ObservedTunnel> Tunnels { get; init; } = [];

    public ImmutableArray<ObservedPodInterface> Interfaces { get; init; } = [];

    public ImmutableArray<RouteSpec> Routes { get; init; } = [];

    public ImmutableArray<ServiceEntrySpec> Services { get; init; } = [];

    public ImmutableArray<PolicyBindingSpec> Policies { get; init; } = [];

    /// <summary>Why the counters could not be read (they are then zero); null when they were.</summary>
    public string? CountersError { get; init; }
}
