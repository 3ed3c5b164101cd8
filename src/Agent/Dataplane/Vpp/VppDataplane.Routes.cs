using System.Net;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>Host routes in a network's VRF: to a local pod through its interface, to a remote one through the tunnel to its node.</summary>
internal sealed partial class VppDataplane
{
    private async Task AddDelRouteAsync(DataplaneOperation operation, bool isAdd, RouteSpec route, CancellationToken cancellationToken)
    {
        if (route.Attachment)
        {
            await AddDelAttachmentRouteAsync(operation, isAdd, route, cancellationToken);
            return;
        }

        var prefix = ParsePrefix(operation, route.Prefix);
        var isIp6 = prefix.BaseAddress.AddressFamily is AddressFamily.InterNetworkV6;
        var connection = await GetConnectionAsync(cancellationToken);
        if (!isAdd)
        {
            try
            {
                // No path: VPP removes the prefix as the API added it, whatever its path.
                await connection.RequestAsync(new IpRouteAddDel(false, route.TableId, prefix, []), cancellationToken);
            }
            catch (DataplaneException ex) when (IsGone(ex))
            {
                // The table is gone, and the route with it.
            }

            _routes.TryRemove(route.Key, out _);
            return;
        }

        uint swIfIndex;
        IPAddress nextHop;
        if (route.ViaInterfaceTag is { } tag)
        {
            // A local pod: through its interface, to its own address there (the pod answers ARP for it).
            var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From);
            swIfIndex = interfaces.FirstOrDefault(i => VppTags.IsPodTag(i.Tag) && VppTags.ParsePodVppTag(i.Tag).Tag == tag)?.SwIfIndex
                ?? throw new DataplaneException($"{operation.Describe()}: no interface in VPP carries the tag \"{tag}\" (ViaInterfaceTag).",
                    "VNET_API_ERROR_INVALID_SW_IF_INDEX");
            nextHop = prefix.BaseAddress;
        }
        else if (route.ViaTunnelKey is { } key)
        {
            var tunnels = connection.MessageTable.Offers("vxlan_tunnel_v2_dump")
                ? (await connection.DumpAsync(new VxlanTunnelV2Dump(), cancellationToken)).Select(VxlanTunnelV2Details.From)
                : [];
            var tunnel = tunnels.FirstOrDefault(t => TunnelKey(t) == key)
                ?? throw new DataplaneException($"{operation.Describe()}: no vxlan tunnel in VPP has the key \"{key}\" (ViaTunnelKey).",
                    "VNET_API_ERROR_INVALID_SW_IF_INDEX");
            swIfIndex = tunnel.SwIfIndex;

            // A remote pod: through the tunnel to the peer's loopback (an L3 tunnel resolves no route without a next hop).
            nextHop = PeerLoopbackAddress(tunnel.Destination, isIp6);
        }
        else
        {
            throw Invalid(operation, "ViaInterfaceTag/ViaTunnelKey", null, "set: a route needs an interface or a tunnel");
        }

        await connection.RequestAsync(new IpRouteAddDel(true, route.TableId, prefix, [new FibPath(swIfIndex, route.TableId, nextHop) { IsIp6 = isIp6 }]),
            cancellationToken);
        _routes[route.Key] = route;
    }
}
