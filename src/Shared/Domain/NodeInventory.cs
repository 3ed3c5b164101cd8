using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>An item of a node's inventory, identified within its collection by <see cref="Key"/> (deltas upsert and remove by key).</summary>
public interface IInventoryItem
{
    string Key { get; }
}

/// <summary>
/// Everything an agent reports about its node's dataplane: what it applied, what it holds, with counters,
/// and what failed. Each collection is ordered by key.
/// </summary>
public sealed record NodeInventory
{
    public static NodeInventory Empty { get; } = new();

    public ImmutableArray<VrfStatus> Vrfs { get; init; } = [];

    public ImmutableArray<TunnelStatus> Tunnels { get; init; } = [];

    public ImmutableArray<MemifStatus> Memifs { get; init; } = [];

    public ImmutableArray<TapStatus> Taps { get; init; } = [];

    public ImmutableArray<RouteStatus> Routes { get; init; } = [];

    public ImmutableArray<ServiceEntryStatus> Services { get; init; } = [];

    public ImmutableArray<PolicyBindingStatus> Policies { get; init; } = [];

    public ImmutableArray<ObjectError> Errors { get; init; } = [];

    /// <summary>The last reconcile pass that issued operations; null before the first.</summary>
    public ApplyStats? LastApply { get; init; }

    public bool Equivalent(NodeInventory other) =>
        other is not null
        && Vrfs.SequenceEqual(other.Vrfs) && Tunnels.SequenceEqual(other.Tunnels) && Memifs.SequenceEqual(other.Memifs)
        && Taps.SequenceEqual(other.Taps) && Routes.SequenceEqual(other.Routes) && Services.SequenceEqual(other.Services)
        && Policies.SequenceEqual(other.Policies) && Errors.SequenceEqual(other.Errors) && LastApply == other.LastApply;

    /// <summary>Whether every collection is the same array as <paramref name="other"/>'s and the last apply is equal: the same inventory.</summary>
    public bool SharesEveryCollectionWith(NodeInventory other) =>
        other is not null
        && Vrfs == other.Vrfs && Tunnels == other.Tunnels && Memifs == other.Memifs && Taps == other.Taps && Routes == other.Routes
        && Services == other.Services && Policies == other.Policies && Errors == other.Errors && LastApply == other.LastApply;
}

/// <summary>A VXLAN tunnel to a peer node for one network, with its counters.</summary>
public sealed record TunnelStatus(string Network, string PeerNode, uint Vni, string Src, string Dst, uint EncapTableId, bool Up) : IInventoryItem
{
    public string Key => $"{Network}/{PeerNode}";

    public uint SwIfIndex { get; init; }

    public ulong RxPackets { get; init; }

    public ulong TxPackets { get; init; }

    public ulong RxBytes { get; init; }

    public ulong TxBytes { get; init; }

    public string? Error { get; init; }
}

/// <summary>A pod's memif interface: VPP is the master end of <see cref="Socket"/>.</summary>
public sealed record MemifStatus(string Namespace, string Pod, string Interface, string Network, string Socket, string Role, string Mode) : IInventoryItem
{
    public string Key => $"{Namespace}/{Pod}/{Interface}";

    public uint SwIfIndex { get; init; }

    public int RxQueues { get; init; }

    public int TxQueues { get; init; }

    public bool LinkUp { get; init; }

    public string? Address { get; init; }

    public ulong RxPackets { get; init; }

    public ulong TxPackets { get; init; }

    public ulong RxBytes { get; init; }

    public ulong TxBytes { get; init; }

    public ulong Drops { get; init; }

    /// <summary>The interface's MAC address as VPP reports it (<c>aa:bb:cc:dd:ee:ff</c>); null when unknown.</summary>
    public string? Mac { get; init; }

    public string? Error { get; init; }
}

/// <summary>A pod's tap interface.</summary>
public sealed record TapStatus(string Namespace, string Pod, string Interface, string Network, string Address) : IInventoryItem
{
    public string Key => $"{Namespace}/{Pod}/{Interface}";

    public uint SwIfIndex { get; init; }

    public string? HostInterface { get; init; }

    public bool LinkUp { get; init; }

    public ulong RxPackets { get; init; }

    public ulong TxPackets { get; init; }

    /// <summary>The MAC of the tap's pod end (<c>aa:bb:cc:dd:ee:ff</c>), as VPP reports it; null when unknown.</summary>
    public string? Mac { get; init; }

    public string? Error { get; init; }
}

/// <summary>A route in a network's VRF; <see cref="Via"/> is the pod interface (<c>ns/pod/iface</c>) or the peer node.</summary>
public sealed record RouteStatus(string Network, string Prefix, string Via) : IInventoryItem
{
    /// <summary>One per prefix, but an attachment's NAD route (Via <c>ns/pod/iface via gw</c>) is one per interface.</summary>
    public string Key => Via.Contains(' ', StringComparison.Ordinal) ? $"{Network}/{Prefix}@{Via}" : $"{Network}/{Prefix}";
}

/// <summary>A network-aware service entry: VIP and port on the network, to the backends (<c>ip:port</c>).</summary>
public sealed record ServiceEntryStatus(string Namespace, string Name, string Network, string Vip, int Port, string Protocol) : IInventoryItem
{
    public string Key => $"{Namespace}/{Name}/{Network}/{Vip}:{Port}/{Protocol}";

    public ImmutableArray<string> Backends { get; init; } = [];

    public bool Equals(ServiceEntryStatus? other) =>
        other is not null && Key == other.Key && Backends.SequenceEqual(other.Backends);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
}

/// <summary>The policy rules bound to one pod interface on one network, in the order the dataplane enforces them.</summary>
public sealed record PolicyBindingStatus(string Namespace, string Pod, string Interface, string Network) : IInventoryItem
{
    public string Key => $"{Namespace}/{Pod}/{Interface}";

    public ImmutableArray<string> Policies { get; init; } = [];

    /// <summary>The rules in enforcement order (policies in Calico order, each policy's ingress then egress rules).</summary>
    public ImmutableArray<PolicyRuleStatus> Rules { get; init; } = [];

    /// <summary>
    /// The number of rules: that of <see cref="Rules"/> when there are any; otherwise the count an agent reported without
    /// the rules themselves (an agent that predates them), else 0.
    /// </summary>
    public int RuleCount
    {
        get => Rules.IsDefaultOrEmpty ? _countWithoutRules : Rules.Length;
        init => _countWithoutRules = value;
    }

    private readonly int _countWithoutRules;

    public bool Equals(PolicyBindingStatus? other) =>
        other is not null && Key == other.Key && Network == other.Network && RuleCount == other.RuleCount
        && Policies.SequenceEqual(other.Policies) && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// One rule the node enforces on a pod interface: the policy it comes from (<c>ns/name</c>, or the name of a global
/// policy), its direction (<c>ingress</c>, <c>egress</c>), action (Allow, Deny, Log, Pass), protocol (null = any), the
/// peer nets (the source nets of an ingress rule, the destination nets of an egress rule; empty = any) and the
/// destination ports (numbers, <c>from:to</c> ranges or named ports; empty = any).
/// </summary>
public sealed record PolicyRuleStatus(string Policy, string Direction, string Action, string? Protocol)
{
    public ImmutableArray<string> Nets { get; init; } = [];

    public ImmutableArray<string> Ports { get; init; } = [];

    public bool Equals(PolicyRuleStatus? other) =>
        other is not null && Policy == other.Policy && Direction == other.Direction && Action == other.Action && Protocol == other.Protocol
        && Nets.SequenceEqual(other.Nets, StringComparer.Ordinal) && Ports.SequenceEqual(other.Ports, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Policy, Direction, Action, Protocol);

    /// <summary>The rule as the dataplane holds it.</summary>
    public static PolicyRuleStatus From(PolicyRuleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(spec.Policy, spec.Direction, spec.Action, spec.Protocol) { Nets = spec.Nets, Ports = spec.Ports };
    }
}

/// <summary>An object the agent could not apply, and why. <see cref="Object"/> reads like "tunnel blue/node-2".</summary>
public sealed record ObjectError(string Object, string? Network, string Message) : IInventoryItem
{
    public string Key => Object;
}

/// <summary>How long the last apply took and what it did.</summary>
public sealed record ApplyStats(DateTime At, double DurationMs, int Operations, int Failures);
