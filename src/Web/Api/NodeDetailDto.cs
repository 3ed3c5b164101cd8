using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Api;

/// <summary>One node's whole inventory for scripts: <c>GET /api/v1/nodes/{name}</c>.</summary>
public sealed record NodeDetailDto(
    string Name,
    bool Connected,
    DateTime? LastSeen,
    string Dataplane,
    string AgentVersion,
    bool Stale,
    IReadOnlyList<VrfDto> Vrfs,
    IReadOnlyList<TunnelDto> Tunnels,
    IReadOnlyList<MemifDto> Memifs,
    IReadOnlyList<TapDto> Taps,
    IReadOnlyList<RouteDto> Routes,
    IReadOnlyList<ServiceEntryDto> Services,
    IReadOnlyList<PolicyBindingDto> Policies,
    IReadOnlyList<ObjectErrorDto> Errors,
    ApplyStatsDto? LastApply)
{
    public static NodeDetailDto From(NodeView node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var inventory = node.Inventory;
        return new(node.Name, node.Connected, node.LastSeen, node.Dataplane, node.AgentVersion, node.Stale,
            [.. inventory.Vrfs.Select(VrfDto.From)],
            [.. inventory.Tunnels.Select(TunnelDto.From)],
            [.. inventory.Memifs.Select(MemifDto.From)],
            [.. inventory.Taps.Select(TapDto.From)],
            [.. inventory.Routes.Select(r => new RouteDto(r.Network, r.Prefix, r.Via))],
            [.. inventory.Services.Select(s => new ServiceEntryDto(s.Namespace, s.Name, s.Network, s.Vip, s.Port, s.Protocol, s.Backends))],
            [.. inventory.Policies.Select(p => new PolicyBindingDto(p.Namespace, p.Pod, p.Interface, p.Network, p.Policies, p.RuleCount)
            {
                Rules = [.. p.Rules.Select(r => new PolicyRuleDto(r.Policy, r.Direction, r.Action, r.Protocol, r.Nets, r.Ports))],
            })],
            [.. inventory.Errors.Select(e => new ObjectErrorDto(e.Object, e.Network, e.Message))],
            inventory.LastApply is { } last ? new ApplyStatsDto(last.At, last.DurationMs, last.Operations, last.Failures) : null);
    }

    internal static string Link(bool up) => up ? "up" : "down";
}

/// <summary>A VXLAN tunnel to a peer node; <see cref="State"/> is "up" or "down".</summary>
public sealed record TunnelDto(string Network, string PeerNode, uint Vni, string Src, string Dst, string State,
    ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes)
{
    public static TunnelDto From(TunnelStatus tunnel)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        return new(tunnel.Network, tunnel.PeerNode, tunnel.Vni, tunnel.Src, tunnel.Dst, NodeDetailDto.Link(tunnel.Up),
            tunnel.RxPackets, tunnel.TxPackets, tunnel.RxBytes, tunnel.TxBytes);
    }
}

/// <summary>A pod's memif; <see cref="Link"/> is "up" or "down".</summary>
public sealed record MemifDto(string Namespace, string Pod, string Interface, string Network, string Socket, string Role, string Mode,
    int RxQueues, int TxQueues, string Link, ulong RxPackets, ulong TxPackets, ulong RxBytes, ulong TxBytes, ulong Drops)
{
    public static MemifDto From(MemifStatus memif)
    {
        ArgumentNullException.ThrowIfNull(memif);
        return new(memif.Namespace, memif.Pod, memif.Interface, memif.Network, memif.Socket, memif.Role, memif.Mode,
            memif.RxQueues, memif.TxQueues, NodeDetailDto.Link(memif.LinkUp), memif.RxPackets, memif.TxPackets, memif.RxBytes, memif.TxBytes, memif.Drops)
        {
            Mac = memif.Mac,
        };
    }

    /// <summary>"aa:bb:cc:dd:ee:ff"; null when the agent does not know it.</summary>
    public string? Mac { get; init; }
}

/// <summary>A pod's tap; <see cref="Link"/> is "up" or "down".</summary>
public sealed record TapDto(string Namespace, string Pod, string Interface, string Network, string Address, string? HostInterface, string Link)
{
    public static TapDto From(TapStatus tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        return new(tap.Namespace, tap.Pod, tap.Interface, tap.Network, tap.Address, tap.HostInterface, NodeDetailDto.Link(tap.LinkUp)) { Mac = tap.Mac };
    }

    /// <summary>The VPP end's MAC, "aa:bb:cc:dd:ee:ff"; null when the agent does not know it.</summary>
    public string? Mac { get; init; }
}

/// <summary>A route in a network's VRF.</summary>
public sealed record RouteDto(string Network, string Prefix, string Via);

/// <summary>A network-aware service entry and its backends (<c>ip:port</c>).</summary>
public sealed record ServiceEntryDto(string Namespace, string Name, string Network, string Vip, int Port, string Protocol, IReadOnlyList<string> Backends);

/// <summary>The policies bound to a pod interface on a network, with their rules in enforcement order.</summary>
public sealed record PolicyBindingDto(string Namespace, string Pod, string Interface, string Network, IReadOnlyList<string> Policies, int RuleCount)
{
    public IReadOnlyList<PolicyRuleDto> Rules { get; init; } = [];
}

/// <summary>One enforced rule: its policy, direction, action, protocol (null = any), peer nets and destination ports.</summary>
public sealed record PolicyRuleDto(string Policy, string Direction, string Action, string? Protocol, IReadOnlyList<string> Nets, IReadOnlyList<string> Ports);

/// <summary>An object the agent could not apply.</summary>
public sealed record ObjectErrorDto(string Object, string? Network, string Message);

/// <summary>The agent's last apply.</summary>
public sealed record ApplyStatsDto(DateTime At, double DurationMs, int Operations, int Failures);
