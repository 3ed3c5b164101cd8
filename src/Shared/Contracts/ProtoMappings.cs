using System.Collections.Immutable;
using System.Net;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Multinet.Shared.Domain;

#pragma warning disable IDE0130 // partial classes on generated types live in the generated namespace
namespace Multinet.Contracts.Agent.V1;

public sealed partial class Vrf
{
    public static Vrf FromDomain(VrfStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var vrf = new Vrf
        {
            Network = status.Network,
            TableId = status.TableId,
            State = status.State switch
            {
                Shared.Domain.VrfState.Applied => VrfState.Applied,
                Shared.Domain.VrfState.Error => VrfState.Error,
                _ => VrfState.Pending,
            },
            Error = status.Error ?? string.Empty,
            Generation = status.Generation,
            RouteCount = status.RouteCount,
        };
        if (status.AppliedAt is { } at)
        {
            vrf.AppliedAt = ProtoValues.Timestamp(at);
        }

        return vrf;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public VrfStatus ToDomain()
    {
        if (string.IsNullOrEmpty(Network))
        {
            throw new FormatException("vrf.network is empty.");
        }

        var state = State switch
        {
            VrfState.Applied => Shared.Domain.VrfState.Applied,
            VrfState.Error => Shared.Domain.VrfState.Error,
            VrfState.Pending => Shared.Domain.VrfState.Pending,
            _ => throw new FormatException($"vrf[{Network}].state {State} is not a known state."),
        };
        ProtoValues.NotNegative(RouteCount, $"vrf[{Network}].route_count");
        return new VrfStatus(Network, TableId, state, ProtoValues.Optional(Error), Generation, AppliedAt?.ToDateTime())
        {
            RouteCount = RouteCount,
        };
    }
}

public sealed partial class Tunnel
{
    public static Tunnel FromDomain(TunnelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new Tunnel
        {
            Network = status.Network,
            PeerNode = status.PeerNode,
            Vni = status.Vni,
            Src = status.Src,
            Dst = status.Dst,
            EncapTableId = status.EncapTableId,
            State = ProtoValues.Link(status.Up),
            SwIfIndex = status.SwIfIndex,
            RxPackets = status.RxPackets,
            TxPackets = status.TxPackets,
            RxBytes = status.RxBytes,
            TxBytes = status.TxBytes,
            Error = status.Error ?? string.Empty,
        };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public TunnelStatus ToDomain()
    {
        ProtoValues.Required(Network, "tunnel.network");
        ProtoValues.Required(PeerNode, $"tunnel[{Network}].peer_node");
        var at = $"tunnel[{Network}/{PeerNode}]";
        ProtoValues.Address(Src, $"{at}.src");
        ProtoValues.Address(Dst, $"{at}.dst");
        var up = ProtoValues.Up(State, $"{at}.state");
        return new TunnelStatus(Network, PeerNode, Vni, Src, Dst, EncapTableId, up)
        {
            SwIfIndex = SwIfIndex,
            RxPackets = RxPackets,
            TxPackets = TxPackets,
            RxBytes = RxBytes,
            TxBytes = TxBytes,
            Error = ProtoValues.Optional(Error),
        };
    }
}

public sealed partial class Memif
{
    public static Memif FromDomain(MemifStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new Memif
        {
            Namespace = status.Namespace,
            Pod = status.Pod,
            Interface = status.Interface,
            Network = status.Network,
            Socket = status.Socket,
            Role = status.Role,
            Mode = status.Mode,
            SwIfIndex = status.SwIfIndex,
            RxQueues = status.RxQueues,
            TxQueues = status.TxQueues,
            Link = ProtoValues.Link(status.LinkUp),
            Address = status.Address ?? string.Empty,
            RxPackets = status.RxPackets,
            TxPackets = status.TxPackets,
            RxBytes = status.RxBytes,
            TxBytes = status.TxBytes,
            Drops = status.Drops,
            Error = status.Error ?? string.Empty,
            Mac = status.Mac ?? string.Empty,
        };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public MemifStatus ToDomain()
    {
        ProtoValues.PodInterface("memif", Namespace, Pod, Interface);
        var at = $"memif[{Namespace}/{Pod}/{Interface}]";
        ProtoValues.Required(Network, $"{at}.network");
        ProtoValues.NotNegative(RxQueues, $"{at}.rx_queues");
        ProtoValues.NotNegative(TxQueues, $"{at}.tx_queues");
        var address = ProtoValues.Optional(Address);
        if (address is not null)
        {
            ProtoValues.AddressOrPrefix(address, $"{at}.address");
        }

        var up = ProtoValues.Up(Link, $"{at}.link");
        var mac = ProtoValues.Mac(Mac, $"{at}.mac");
        return new MemifStatus(Namespace, Pod, Interface, Network, Socket, Role, Mode)
        {
            Mac = mac,
            SwIfIndex = SwIfIndex,
            RxQueues = RxQueues,
            TxQueues = TxQueues,
            LinkUp = up,
            Address = address,
            RxPackets = RxPackets,
            TxPackets = TxPackets,
            RxBytes = RxBytes,
            TxBytes = TxBytes,
            Drops = Drops,
            Error = ProtoValues.Optional(Error),
        };
    }
}

public sealed partial class Tap
{
    public static Tap FromDomain(TapStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new Tap
        {
            Namespace = status.Namespace,
            Pod = status.Pod,
            Interface = status.Interface,
            Network = status.Network,
            Address = status.Address,
            SwIfIndex = status.SwIfIndex,
            HostInterface = status.HostInterface ?? string.Empty,
            Link = ProtoValues.Link(status.LinkUp),
            RxPackets = status.RxPackets,
            TxPackets = status.TxPackets,
            Error = status.Error ?? string.Empty,
            Mac = status.Mac ?? string.Empty,
        };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public TapStatus ToDomain()
    {
        ProtoValues.PodInterface("tap", Namespace, Pod, Interface);
        var at = $"tap[{Namespace}/{Pod}/{Interface}]";
        ProtoValues.Required(Network, $"{at}.network");
        if (Address.Length > 0)
        {
            ProtoValues.AddressOrPrefix(Address, $"{at}.address");
        }

        var up = ProtoValues.Up(Link, $"{at}.link");
        var mac = ProtoValues.Mac(Mac, $"{at}.mac");
        return new TapStatus(Namespace, Pod, Interface, Network, Address)
        {
            Mac = mac,
            SwIfIndex = SwIfIndex,
            HostInterface = ProtoValues.Optional(HostInterface),
            LinkUp = up,
            RxPackets = RxPackets,
            TxPackets = TxPackets,
            Error = ProtoValues.Optional(Error),
        };
    }
}

public sealed partial class Route
{
    public static Route FromDomain(RouteStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new Route { Network = status.Network, Prefix = status.Prefix, Via = status.Via };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public RouteStatus ToDomain()
    {
        ProtoValues.Required(Network, "route.network");
        ProtoValues.Required(Prefix, $"route[{Network}].prefix");
        ProtoValues.AddressOrPrefix(Prefix, $"route[{Network}/{Prefix}].prefix");
        return new RouteStatus(Network, Prefix, Via);
    }
}

public sealed partial class ServiceEntry
{
    public static ServiceEntry FromDomain(ServiceEntryStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var entry = new ServiceEntry
        {
            Namespace = status.Namespace,
            Name = status.Name,
            Network = status.Network,
            Vip = status.Vip,
            Port = status.Port,
            Protocol = status.Protocol,
        };
        entry.Backends.AddRange(status.Backends);
        return entry;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public ServiceEntryStatus ToDomain()
    {
        ProtoValues.Required(Namespace, "service.namespace");
        ProtoValues.Required(Name, $"service[{Namespace}].name");
        var at = $"service[{Namespace}/{Name}]";
        ProtoValues.Required(Network, $"{at}.network");
        ProtoValues.Address(Vip, $"{at}.vip");
        if (Port is < 1 or > 65535)
        {
            throw new FormatException($"{at}.port {Port} is not a port (1..65535).");
        }

        ProtoValues.Required(Protocol, $"{at}.protocol");
        for (var i = 0; i < Backends.Count; i++)
        {
            if (!IPEndPoint.TryParse(Backends[i], out _))
            {
                throw new FormatException($"{at}.backends[{i}] \"{Backends[i]}\" is not an address with a port.");
            }
        }

        return new ServiceEntryStatus(Namespace, Name, Network, Vip, Port, Protocol) { Backends = [.. Backends] };
    }
}

public sealed partial class PolicyBinding
{
    public static PolicyBinding FromDomain(PolicyBindingStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var binding = new PolicyBinding
        {
            Namespace = status.Namespace,
            Pod = status.Pod,
            Interface = status.Interface,
            Network = status.Network,
            RuleCount = status.RuleCount,
        };
        binding.Policies.AddRange(status.Policies);
        binding.Rules.AddRange(status.Rules.Select(PolicyRule.FromDomain));
        return binding;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public PolicyBindingStatus ToDomain()
    {
        ProtoValues.PodInterface("policy_binding", Namespace, Pod, Interface);
        var at = $"policy_binding[{Namespace}/{Pod}/{Interface}]";
        ProtoValues.Required(Network, $"{at}.network");
        ProtoValues.NotNegative(RuleCount, $"{at}.rule_count");
        if (Rules.Count > 0 && RuleCount != Rules.Count)
        {
            throw new FormatException($"{at}.rule_count {RuleCount} is not the number of rules ({Rules.Count}).");
        }

        // An agent that predates the rules sends only their count.
        return new PolicyBindingStatus(Namespace, Pod, Interface, Network)
        {
            RuleCount = RuleCount,
            Policies = [.. Policies],
            Rules = [.. Rules.Select((r, i) => r.ToDomain($"{at}.rules[{i}]"))],
        };
    }
}

public sealed partial class PolicyRule
{
    public static PolicyRule FromDomain(PolicyRuleStatus rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var message = new PolicyRule { Policy = rule.Policy, Direction = rule.Direction, Action = rule.Action, Protocol = rule.Protocol ?? string.Empty };
        message.Nets.AddRange(rule.Nets);
        message.Ports.AddRange(rule.Ports);
        return message;
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send; <paramref name="at"/> names the rule in errors.</summary>
    public PolicyRuleStatus ToDomain(string at)
    {
        ProtoValues.Required(Policy, $"{at}.policy");
        var protocol = ProtoValues.Optional(Protocol);
        if (PolicyRuleSyntax.Problem(at, Direction, Action, protocol, Nets, Ports) is { } problem)
        {
            throw new FormatException(problem);
        }

        return new PolicyRuleStatus(Policy, Direction, Action, protocol) { Nets = [.. Nets], Ports = [.. Ports] };
    }
}

public sealed partial class InventoryError
{
    public static InventoryError FromDomain(ObjectError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new InventoryError { Object = error.Object, Network = error.Network ?? string.Empty, Message = error.Message };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public ObjectError ToDomain()
    {
        ProtoValues.Required(Object, "error.object");
        return new ObjectError(Object, ProtoValues.Optional(Network), Message);
    }
}

public sealed partial class ApplyReport
{
    public static ApplyReport FromDomain(ApplyStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new ApplyReport
        {
            At = ProtoValues.Timestamp(stats.At),
            DurationMs = stats.DurationMs,
            Operations = stats.Operations,
            Failures = stats.Failures,
        };
    }

    /// <summary>Maps to the domain, rejecting what an agent must never send.</summary>
    public ApplyStats ToDomain()
    {
        if (At is null)
        {
            throw new FormatException("last_apply.at is missing.");
        }

        if (!double.IsFinite(DurationMs) || DurationMs < 0)
        {
            throw new FormatException($"last_apply.duration_ms {DurationMs} is not a duration.");
        }

        ProtoValues.NotNegative(Operations, "last_apply.operations");
        ProtoValues.NotNegative(Failures, "last_apply.failures");
        return new ApplyStats(At.ToDateTime(), DurationMs, Operations, Failures);
    }
}

public sealed partial class NodeSnapshot
{
    public static NodeSnapshot FromDomain(ulong sequence, IEnumerable<VrfStatus> vrfs)
    {
        var snapshot = new NodeSnapshot { Sequence = sequence };
        snapshot.Vrfs.AddRange(vrfs.Select(Vrf.FromDomain));
        return snapshot;
    }

    /// <summary>A snapshot of the node's whole inventory.</summary>
    public static NodeSnapshot FromDomain(ulong sequence, NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var snapshot = FromDomain(sequence, inventory.Vrfs);
        snapshot.Tunnels.AddRange(inventory.Tunnels.Select(Tunnel.FromDomain));
        snapshot.Memifs.AddRange(inventory.Memifs.Select(Memif.FromDomain));
        snapshot.Taps.AddRange(inventory.Taps.Select(Tap.FromDomain));
        snapshot.Routes.AddRange(inventory.Routes.Select(Route.FromDomain));
        snapshot.Services.AddRange(inventory.Services.Select(ServiceEntry.FromDomain));
        snapshot.Policies.AddRange(inventory.Policies.Select(PolicyBinding.FromDomain));
        snapshot.Errors.AddRange(inventory.Errors.Select(InventoryError.FromDomain));
        if (inventory.LastApply is { } last)
        {
            snapshot.LastApply = ApplyReport.FromDomain(last);
        }

        return snapshot;
    }

    /// <summary>The VRFs only.</summary>
    public ImmutableArray<VrfStatus> ToDomain() => [.. Vrfs.Select(v => v.ToDomain())];

    /// <summary>The whole inventory, each collection ordered by key; throws <see cref="FormatException"/> naming the first bad field.</summary>
    public NodeInventory ToInventory() => new()
    {
        Vrfs = ProtoValues.Sorted(Vrfs, v => v.ToDomain(), "vrfs"),
        Tunnels = ProtoValues.Sorted(Tunnels, t => t.ToDomain(), "tunnels"),
        Memifs = ProtoValues.Sorted(Memifs, m => m.ToDomain(), "memifs"),
        Taps = ProtoValues.Sorted(Taps, t => t.ToDomain(), "taps"),
        Routes = ProtoValues.Sorted(Routes, r => r.ToDomain(), "routes"),
        Services = ProtoValues.Sorted(Services, s => s.ToDomain(), "services"),
        Policies = ProtoValues.Sorted(Policies, p => p.ToDomain(), "policies"),
        Errors = ProtoValues.Sorted(Errors, e => e.ToDomain(), "errors"),
        LastApply = LastApply?.ToDomain(),
    };
}

public sealed partial class NodeDelta
{
    public static NodeDelta FromDomain(ulong sequence, NodeReportDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var message = new NodeDelta { Sequence = sequence };
        message.UpsertedVrfs.AddRange(delta.Upserted.Select(Vrf.FromDomain));
        message.RemovedVrfNetworks.AddRange(delta.RemovedNetworks);
        Add(delta.Tunnels, message.UpsertedTunnels, message.RemovedTunnels, Tunnel.FromDomain);
        Add(delta.Memifs, message.UpsertedMemifs, message.RemovedMemifs, Memif.FromDomain);
        Add(delta.Taps, message.UpsertedTaps, message.RemovedTaps, Tap.FromDomain);
        Add(delta.Routes, message.UpsertedRoutes, message.RemovedRoutes, Route.FromDomain);
        Add(delta.Services, message.UpsertedServices, message.RemovedServices, ServiceEntry.FromDomain);
        Add(delta.Policies, message.UpsertedPolicies, message.RemovedPolicies, PolicyBinding.FromDomain);
        Add(delta.Errors, message.UpsertedErrors, message.RemovedErrors, InventoryError.FromDomain);
        if (delta.LastApply is { } last)
        {
            message.LastApply = ApplyReport.FromDomain(last);
        }

        return message;
    }

    /// <summary>Maps to the domain; throws <see cref="FormatException"/> naming the first bad field.</summary>
    public NodeReportDelta ToDomain() => new([.. UpsertedVrfs.Select(v => v.ToDomain())], Keys(RemovedVrfNetworks, "removed_vrf_networks"))
    {
        Tunnels = new([.. UpsertedTunnels.Select(t => t.ToDomain())], Keys(RemovedTunnels, "removed_tunnels")),
        Memifs = new([.. UpsertedMemifs.Select(m => m.ToDomain())], Keys(RemovedMemifs, "removed_memifs")),
        Taps = new([.. UpsertedTaps.Select(t => t.ToDomain())], Keys(RemovedTaps, "removed_taps")),
        Routes = new([.. UpsertedRoutes.Select(r => r.ToDomain())], Keys(RemovedRoutes, "removed_routes")),
        Services = new([.. UpsertedServices.Select(s => s.ToDomain())], Keys(RemovedServices, "removed_services")),
        Policies = new([.. UpsertedPolicies.Select(p => p.ToDomain())], Keys(RemovedPolicies, "removed_policies")),
        Errors = new([.. UpsertedErrors.Select(e => e.ToDomain())], Keys(RemovedErrors, "removed_errors")),
        LastApply = LastApply?.ToDomain(),
    };

    private static void Add<TItem, TMessage>(CollectionDelta<TItem> delta, RepeatedField<TMessage> upserted, RepeatedField<string> removed,
        Func<TItem, TMessage> map)
        where TItem : IInventoryItem
    {
        upserted.AddRange(delta.Upserted.Select(map));
        removed.AddRange(delta.Removed);
    }

    private static ImmutableArray<string> Keys(RepeatedField<string> keys, string field)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.IsNullOrEmpty(keys[i]))
            {
                throw new FormatException($"{field}[{i}] is empty.");
            }
        }

        return [.. keys];
    }
}

/// <summary>Conversions and checks shared by the mappings: each failure names the field.</summary>
internal static class ProtoValues
{
    public static Timestamp Timestamp(DateTime at) =>
        Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Utc));

    public static LinkState Link(bool up) => up ? LinkState.Up : LinkState.Down;

    public static bool Up(LinkState state, string field) => state switch
    {
        LinkState.Up => true,
        LinkState.Down => false,
        _ => throw new FormatException($"{field} {state} is not a known link state."),
    };

    public static string? Optional(string value) => string.IsNullOrEmpty(value) ? null : value;

    public static void Required(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new FormatException($"{field} is empty.");
        }
    }

    public static void PodInterface(string kind, string ns, string pod, string iface)
    {
        Required(ns, $"{kind}.namespace");
        Required(pod, $"{kind}[{ns}].pod");
        Required(iface, $"{kind}[{ns}/{pod}].interface");
    }

    public static void NotNegative(int value, string field)
    {
        if (value < 0)
        {
            throw new FormatException($"{field} {value} is negative.");
        }
    }

    public static void Address(string value, string field)
    {
        if (!IPAddress.TryParse(value, out _))
        {
            throw new FormatException($"{field} \"{value}\" is not an IP address.");
        }
    }

    public static void AddressOrPrefix(string value, string field)
    {
        if (!IPNetwork.TryParse(value, out _) && !IPAddress.TryParse(value, out _))
        {
            throw new FormatException($"{field} \"{value}\" is not an IP address or prefix.");
        }
    }

    /// <summary>An optional MAC address (empty = unknown), as six colon-separated hex octets.</summary>
    public static string? Mac(string value, string field)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var octets = value.Split(':');
        if (octets.Length != 6 || octets.Any(o => o.Length != 2 || !o.All(char.IsAsciiHexDigit)))
        {
            throw new FormatException($"{field} \"{value}\" is not a MAC address (aa:bb:cc:dd:ee:ff).");
        }

        return value;
    }

    /// <summary>Maps a snapshot's collection and orders it by key; two items with one key are refused.</summary>
    public static ImmutableArray<TItem> Sorted<TMessage, TItem>(IEnumerable<TMessage> messages, Func<TMessage, TItem> map, string field)
        where TItem : IInventoryItem
    {
        ImmutableArray<TItem> items = [.. messages.Select(map).OrderBy(i => i.Key, StringComparer.Ordinal)];
        for (var i = 1; i < items.Length; i++)
        {
            if (string.Equals(items[i - 1].Key, items[i].Key, StringComparison.Ordinal))
            {
                throw new FormatException($"{field} has two items keyed \"{items[i].Key}\".");
            }
        }

        return items;
    }
}
