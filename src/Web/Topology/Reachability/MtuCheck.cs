using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// Whether a Network's pod MTU leaves room for VXLAN on each of its tunnels: the outer headers take 50 bytes over an
/// IPv4 underlay, 70 over IPv6. The pod MTU is the largest <c>mtu</c> the Network's NADs ask for (a NAD without one is
/// not checked); agents do not report their uplink's MTU, so the underlay is taken as Ethernet's 1500, as the warning says.
/// </summary>
internal static class MtuCheck
{
    public const int AssumedUnderlayMtu = 1500;

    public static ImmutableArray<MtuWarning> Warnings(LiveSnapshot snapshot, string network)
    {
        var podMtu = snapshot.Objects.Nads.Values.Where(n => n.NetworkName == network && n.Mtu is not null).Select(n => n.Mtu!.Value).DefaultIfEmpty(0).Max();
        if (podMtu == 0)
        {
            return [];
        }

        var warnings = new Dictionary<string, MtuWarning>(StringComparer.Ordinal);
        foreach (var node in snapshot.Nodes.Values)
        {
            foreach (var tunnel in node.Inventory.Tunnels.Where(t => t.Network == network))
            {
                var overhead = IPAddress.TryParse(tunnel.Src, out var src) && src.AddressFamily == AddressFamily.InterNetworkV6 ? 70 : 50;
                var id = TopologyIds.Tunnel(network, node.Name, tunnel.PeerNode);
                if (podMtu + overhead > AssumedUnderlayMtu && !warnings.ContainsKey(id))
                {
                    warnings[id] = new MtuWarning(network, id, podMtu, AssumedUnderlayMtu,
                        $"\"{network}\" gives pods MTU {podMtu}; with VXLAN's {overhead} bytes over {(overhead == 50 ? "IPv4" : "IPv6")} the tunnel {node.Name} ↔ {tunnel.PeerNode} "
                        + $"needs an underlay MTU of {podMtu + overhead}, more than the {AssumedUnderlayMtu} assumed (agents do not report it): full-size packets are dropped or fragmented. "
                        + $"Set the NADs' mtu to {AssumedUnderlayMtu - overhead} or less.");
                }
            }
        }

        return [.. warnings.Values.OrderBy(w => w.TunnelId, StringComparer.Ordinal)];
    }
}
