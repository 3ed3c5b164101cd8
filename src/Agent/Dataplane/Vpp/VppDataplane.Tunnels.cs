using System.Collections.Concurrent;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>VXLAN tunnels: routed (L3) tunnels decapsulating into the network's VRF, with a route to the peer's loopback through each.</summary>
internal sealed partial class VppDataplane
{
    /// <summary>The L3 MTU of a VXLAN tunnel (VPP creates an L3 one with MTU 0): 1500 minus the outer headers (50 bytes over IPv4, 70 over IPv6).</summary>
    private const uint TunnelMtu4 = 1450;

    private const uint TunnelMtu6 = 1430;

    /// <summary>
    /// The arc from the outer family's vxlan input node to the network's (inner) IP input node (vxlan4-input → ip6-input for
    /// an IPv6 network over an IPv4 underlay), found once per connection; true = IPv6.
    /// </summary>
    private readonly ConcurrentDictionary<(bool Outer, bool Inner), uint> _decapNextIndex = new();

    private async Task AddTunnelAsync(DataplaneOperation operation, TunnelSpec tunnel, CancellationToken cancellationToken)
    {
        var src = ParseAddress(operation, "Src", tunnel.Src);
        var dst = ParseAddress(operation, "Dst", tunnel.Dst);
        if (src.AddressFamily != dst.AddressFamily)
        {
            throw Invalid(operation, "Dst", tunnel.Dst, $"of the same address family as Src {tunnel.Src}");
        }

        var isIp6 = src.AddressFamily is AddressFamily.InterNetworkV6;
        var connection = await GetConnectionAsync(cancellationToken);
        var vrfIsIp6 = await VrfIsIp6Async(connection, tunnel.TableId, cancellationToken);
        if (!_decapNextIndex.TryGetValue((isIp6, vrfIsIp6), out var decapNext))
        {
            var reply = await connection.RequestAsync(new AddNodeNext(isIp6 ? "vxlan6-input" : "vxlan4-input", vrfIsIp6 ? "ip6-input" : "ip4-input"),
                cancellationToken);
            decapNext = _decapNextIndex[(isIp6, vrfIsIp6)] = reply.Get<uint>("next_index");
        }

        var create = new VxlanAddDelTunnelV3(true, src, dst, tunnel.Vni, tunnel.EncapTableId) { DecapNextIndex = decapNext, IsL3 = true };
        uint swIfIndex;
        var adopted = false;
        try
        {
            swIfIndex = (await connection.RequestAsync(create, cancellationToken)).Get<uint>("sw_if_index");
        }
        catch (DataplaneException ex) when (ex.ApiError == "VNET_API_ERROR_TUNNEL_EXIST")
        {
            // Ours already (added before a lost reply, tagged for another peer, or left untagged by an agent killed right after
            // creating it: no one else makes a tunnel with our VNI from this node): take it over; anyone else's: refuse.
            swIfIndex = await FindOurTunnelAsync(connection, tunnel, decapNext, cancellationToken)
                ?? throw new DataplaneException($"{operation.Describe()}: VPP already has this tunnel and it is not tagged as this product's.", ex.ApiError);
            adopted = true;
        }

        try
        {
            await connection.RequestAsync(new SwInterfaceTagAddDel(true, swIfIndex, VppTags.TunnelTag(tunnel.Network, tunnel.PeerNode)), cancellationToken);
            await connection.RequestAsync(new SwInterfaceSetMtu(swIfIndex, isIp6 ? TunnelMtu6 : TunnelMtu4), cancellationToken);
            if (adopted)
            {
                await ReleaseUnnumberedAsync(connection, swIfIndex, cancellationToken); // it may already be in a VRF
            }

            await AttachToVrfAsync(connection, swIfIndex, tunnel.TableId, vrfIsIp6, cancellationToken);
            await connection.RequestAsync(new SwInterfaceSetFlags(swIfIndex, SwInterfaceSetFlags.AdminUp), cancellationToken);

            // The peer's loopback, through the tunnel: what answers to this node's loopback (pings, ICMP errors) returns.
            var peer = PeerLoopbackAddress(dst, vrfIsIp6);
            await connection.RequestAsync(new IpRouteAddDel(true, tunnel.TableId, HostPrefix(peer), [new FibPath(swIfIndex, tunnel.TableId, peer) { IsIp6 = vrfIsIp6 }]),
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && !adopted)
        {
            await RollbackAsync(connection, "vxlan tunnel", swIfIndex, create with { IsAdd = false });
            throw;
        }

        _tunnels[tunnel.Key] = tunnel;
    }

    /// <summary>
    /// The tunnel with this key that is ours: tagged so, or untagged, still down and decapsulating to our IP input arc (what an
    /// agent killed between the create and the tag leaves).
    /// </summary>
    private static async Task<uint?> FindOurTunnelAsync(VppApiConnection connection, TunnelSpec tunnel, uint decapNext, CancellationToken cancellationToken)
    {
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToDictionary(i => i.SwIfIndex);
        bool Ours(VxlanTunnelV2Details t) => interfaces.GetValueOrDefault(t.SwIfIndex) is { } i
            && (VppTags.IsTunnelTag(i.Tag) || (i.Tag.Length == 0 && !i.IsAdminUp && t.DecapNextIndex == decapNext));
        return (await connection.DumpAsync(new VxlanTunnelV2Dump(), cancellationToken)).Select(VxlanTunnelV2Details.From)
            .Where(t => TunnelKey(t) == tunnel.Key && t.EncapVrfId == tunnel.EncapTableId && Ours(t))
            .Select(t => (uint?)t.SwIfIndex).FirstOrDefault();
    }

    private async Task DeleteTunnelAsync(DataplaneOperation operation, ObservedTunnel observed, CancellationToken cancellationToken)
    {
        var tunnel = observed.Spec;
        var connection = await GetConnectionAsync(cancellationToken);
        var delete = new VxlanAddDelTunnelV3(false, ParseAddress(operation, "Src", tunnel.Src), ParseAddress(operation, "Dst", tunnel.Dst), tunnel.Vni,
            tunnel.EncapTableId);
        try
        {
            // A route through a deleted interface would stay as a drop: the peer's loopback route goes first.
            var vrfIsIp6 = await VrfIsIp6Async(connection, tunnel.TableId, cancellationToken);
            await connection.RequestAsync(new IpRouteAddDel(false, tunnel.TableId, HostPrefix(PeerLoopbackAddress(delete.Destination, vrfIsIp6)), []), cancellationToken);
        }
        catch (DataplaneException ex) when (IsGone(ex))
        {
            // The table is gone, and the route with it.
        }

        try
        {
            await connection.RequestAsync(delete, cancellationToken);
        }
        catch (DataplaneException ex) when (IsGone(ex))
        {
            // Already gone: the state the operation asks for.
        }

        _tunnels.TryRemove(tunnel.Key, out _);
    }
}
