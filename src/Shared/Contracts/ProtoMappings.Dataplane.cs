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
        return new VrfStatus(ReportStrings.Share(Network), TableId, state, ProtoValues.Optional(Error), Generation,
            AppliedAt is null ? null : ProtoValues.Time(AppliedAt, $"vrf[{Network}].applied_at"))
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
        return new TunnelStatus(ReportStrings.Share(Network), ReportStrings.Share(PeerNode), Vni, ReportStrings.Share(Src), ReportStrings.Share(Dst), EncapTableId, up)
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
        return new MemifStatus(ReportStrings.Share(Namespace), Pod, ReportStrings.Share(Interface), ReportStrings.Share(Network), Socket, ReportStrings.Share(Role), ReportStrings.Share(Mode))
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
        return new TapStatus(ReportStrings.Share(Namespace), Pod, ReportStrings.Share(Interface), ReportStrings.Share(Network), Address)
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
        return new RouteStatus(ReportStrings.Share(Network), ReportStrings.Share(Prefix), ReportStrings.Share(Via));
    }
}
