using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Multinet.Shared.Cluster;

namespace Multinet.Shared.Domain;

public static partial class Planner
{
    /// <summary>
    /// The full mesh: one tunnel per (peer node, Network). The underlay is IPv4 when both ends have an IPv4 address,
    /// else IPv6 when both have one. A view without nodes (Networks only) plans no tunnels and reports nothing.
    /// </summary>
    private static ImmutableArray<TunnelSpec> PlanTunnels(PlanContext context)
    {
        var nodes = context.View.Nodes;
        if (nodes.IsEmpty || context.Networks.Count == 0)
        {
            return [];
        }

        var local = nodes.FirstOrDefault(n => n.Name == context.NodeName);
        if (local is null)
        {
            context.Problem("", $"node {context.NodeName}", $"Node \"{context.NodeName}\" is not in the cluster view, so its underlay address is unknown: no tunnels are planned.");
            return [];
        }

        var peers = new List<(ClusterNode Node, string Src, string Dst)>();
        foreach (var peer in nodes.Where(n => n.Name != context.NodeName).DistinctBy(n => n.Name).OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (Underlay(local, peer) is { } underlay)
            {
                peers.Add((peer, underlay.Src, underlay.Dst));
            }
            else
            {
                context.Problem("", $"node {peer.Name}", peer.InternalIPv4 is null && peer.InternalIPv6 is null
                    ? $"Node \"{peer.Name}\" has no internal address: no tunnels to it."
                    : $"Node \"{peer.Name}\" has no internal address in a family node \"{context.NodeName}\" has: no tunnels to it.");
            }
        }

        var tunnels = ImmutableArray.CreateBuilder<TunnelSpec>();
        foreach (var network in context.Networks.Values.OrderBy(n => n.Vrf.TableId))
        {
            uint encap = 0;
            if (network.PhysicalNetworkName.Length > 0)
            {
                if (!context.Networks.TryGetValue(network.PhysicalNetworkName, out var physical))
                {
                    context.Problem(network.Vrf.Network, $"tunnels {network.Vrf.Network}",
                        $"spec.physicalNetworkName \"{network.PhysicalNetworkName}\" is not a usable Network: no tunnels are planned for \"{network.Vrf.Network}\".");
                    continue;
                }

                encap = physical.Vrf.TableId;
            }

            foreach (var (peer, src, dst) in peers)
            {
                tunnels.Add(new TunnelSpec(network.Vrf.Network, peer.Name, network.Vrf.TableId, src, dst, encap, network.Vrf.TableId));
            }
        }

        return tunnels.ToImmutable();
    }

    private static (string Src, string Dst)? Underlay(ClusterNode local, ClusterNode peer)
    {
        if (Parse(local.InternalIPv4, AddressFamily.InterNetwork) is { } src4 && Parse(peer.InternalIPv4, AddressFamily.InterNetwork) is { } dst4)
        {
            return (src4, dst4);
        }

        if (Parse(local.InternalIPv6, AddressFamily.InterNetworkV6) is { } src6 && Parse(peer.InternalIPv6, AddressFamily.InterNetworkV6) is { } dst6)
        {
            return (src6, dst6);
        }

        return null;
    }

    /// <summary>An address in canonical text, or null when absent, unparsable or of another family.</summary>
    private static string? Parse(string? text, AddressFamily family) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == family ? address.ToString() : null;
}
