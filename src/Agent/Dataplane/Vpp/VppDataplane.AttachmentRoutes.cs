using System.Net;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// An attachment's NAD routes (<c>ipam.routes</c>): <c>ip_route_add_del</c> in the network's VRF, one path per pod
/// interface (<c>is_multipath</c>, so two pods with the same route are two paths of one prefix, each added and removed
/// alone), out of the pod's sw_if_index to the gateway, or attached (no next hop) for an on-link route.
/// </summary>
internal sealed partial class VppDataplane
{
    private async Task AddDelAttachmentRouteAsync(DataplaneOperation operation, bool isAdd, RouteSpec route, CancellationToken cancellationToken)
    {
        var prefix = ParsePrefix(operation, route.Prefix);
        var isIp6 = prefix.BaseAddress.AddressFamily is AddressFamily.InterNetworkV6;
        var tag = route.ViaInterfaceTag ?? throw Invalid(operation, "ViaInterfaceTag", null, "set: an attachment's route leaves through the pod's interface");
        IPAddress? nextHop = null;
        if (route.Gateway is { } gateway && !IPAddress.TryParse(gateway, out nextHop))
        {
            throw Invalid(operation, "Gateway", gateway, "an IP address");
        }

        var connection = await GetConnectionAsync(cancellationToken);
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From);
        var swIfIndex = interfaces.FirstOrDefault(i => VppTags.IsPodTag(i.Tag) && VppTags.ParsePodVppTag(i.Tag).Tag == tag)?.SwIfIndex;
        if (swIfIndex is null)
        {
            if (!isAdd)
            {
                _routes.TryRemove(route.Key, out _); // the interface is gone, and its paths with it
                return;
            }

            throw new DataplaneException($"{operation.Describe()}: no interface in VPP carries the tag \"{tag}\" (ViaInterfaceTag).",
                "VNET_API_ERROR_INVALID_SW_IF_INDEX");
        }

        var path = new FibPath(swIfIndex.Value, route.TableId, nextHop) { IsIp6 = isIp6 };
        try
        {
            await connection.RequestAsync(new IpRouteAddDel(isAdd, route.TableId, prefix, [path]) { IsMultipath = true }, cancellationToken);
        }
        catch (DataplaneException ex) when (!isAdd && IsGone(ex))
        {
            // The table or the path is gone already.
        }

        if (isAdd)
        {
            _routes[route.Key] = route;
        }
        else
        {
            _routes.TryRemove(route.Key, out _);
        }
    }

    /// <summary>The attachment routes a dumped prefix holds: one per normal path through one of our pod interfaces.</summary>
    private IEnumerable<RouteSpec> AttachmentRoutesOf(string network, uint tableId, IpRouteDetails route, IReadOnlyDictionary<uint, PodInterfaceSpec> viaPod)
    {
        foreach (var path in route.Paths.Where(p => p.Type == FibPath.NormalType))
        {
            if (!viaPod.TryGetValue(path.SwIfIndex, out var pod))
            {
                continue;
            }

            var spec = new RouteSpec(network, tableId, route.Prefix.ToString()) { Attachment = true, ViaInterfaceTag = pod.Tag, Gateway = path.NextHop?.ToString() };
            yield return spec with
            {
                Via = _routes.TryGetValue(spec.Key, out var known) ? known.Via
                    : $"{pod.Namespace}/{pod.Pod}/{pod.Interface} {(spec.Gateway is { } gw ? $"via {gw}" : "on link")}",
            };
        }
    }
}
