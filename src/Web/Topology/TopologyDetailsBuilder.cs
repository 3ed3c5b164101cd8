using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>The side panel's details for a selected element id, read from the live snapshot; null when it names nothing known.</summary>
internal static partial class TopologyDetailsBuilder
{
    public static TopologyDetails? Describe(LiveSnapshot snapshot, string? id)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var colon = id?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (id is null || colon < 0)
        {
            return null;
        }

        var parts = id[(colon + 1)..].Split('/');
        return (id[..colon], parts) switch
        {
            ("node", [var node]) => Node(snapshot, node),
            ("net", [var network]) => Network(snapshot, network),
            ("vrf", [var node, var network]) => Vrf(snapshot, node, network),
            ("tunnel", [var network, var a, var b]) => Tunnel(snapshot, network, a, b),
            ("pod", [var ns, var pod]) => Pod(snapshot, ns, pod),
            ("if", [var ns, var pod, var network]) => Interface(snapshot, ns, pod, network),
            ("svc", [var ns, var name]) => Service(snapshot, ns, name),
            ("grp", [var network, var node]) => Group(snapshot, network, node),
            ("vm", [var ns, var name]) => Vm(snapshot, ns, name),
            _ => null,
        };
    }

    private static TopologyDetails? Node(LiveSnapshot snapshot, string name)
    {
        if (!snapshot.Nodes.TryGetValue(name, out var node))
        {
            return null;
        }

        return new($"Node {name}",
        [
            ("Agent", !node.Connected ? "disconnected" : node.Stale ? "stale" : "connected"),
            ("Dataplane", node.Dataplane),
            ("VRFs", string.Join(", ", node.Vrfs.Select(v => $"{v.Network} (table {v.TableId})"))),
            ("Tunnels up", $"{node.TunnelsUp} of {node.Inventory.Tunnels.Length}"),
            ("Memifs up", $"{node.MemifsUp} of {node.Inventory.Memifs.Length}"),
            ("Pods", snapshot.Objects.Pods.Values.Count(p => p.NodeName == name).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ],
        [($"Node {name}", $"nodes/{Uri.EscapeDataString(name)}"), ("Its memifs", $"memif?node={Uri.EscapeDataString(name)}"),
            ("Its pods", $"pods?node={Uri.EscapeDataString(name)}")]);
    }

    private static TopologyDetails? Network(LiveSnapshot snapshot, string name)
    {
        if (name == TopologyGraph.DefaultNetwork && !snapshot.Networks.ContainsKey(name))
        {
            return new("Default network", [("Pods", snapshot.Objects.Pods.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))], [("Pods", "pods")]);
        }

        if (!snapshot.Networks.TryGetValue(name, out var network))
        {
            return null;
        }

        var tunnels = TunnelSummary.Of(snapshot, name, [.. snapshot.Nodes.Keys], keepPairs: false);
        return new($"Network {name}",
        [
            ("VNI", network.Spec?.Vni?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"),
            ("Range", network.Spec?.Range ?? "—"),
            ("Physical network", network.Spec?.PhysicalNetworkName ?? "—"),
            ("Tunnels", $"{tunnels.Up} up, {tunnels.Down} down, {tunnels.Missing} missing of {tunnels.Pairs}"),
        ],
        [($"Network {name}", $"networks/{Uri.EscapeDataString(name)}"), ("Its pods", $"pods?network={Uri.EscapeDataString(name)}"),
            ("Its memifs", $"memif?network={Uri.EscapeDataString(name)}"), ("Its services", $"services?network={Uri.EscapeDataString(name)}")]);
    }

    private static TopologyDetails? Vrf(LiveSnapshot snapshot, string node, string network)
    {
        var vrf = snapshot.Nodes.GetValueOrDefault(node)?.Vrfs.FirstOrDefault(v => v.Network == network);
        return vrf is null ? null : new($"VRF {network} on {node}",
            [("Table", vrf.TableId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("State", vrf.State.ToString()), ("Error", vrf.Error ?? "—")],
            [($"Network {network}", $"networks/{Uri.EscapeDataString(network)}"), ($"Node {node}", $"nodes/{Uri.EscapeDataString(node)}")]);
    }

    private static TopologyDetails Tunnel(LiveSnapshot snapshot, string network, string a, string b)
    {
        var fromA = snapshot.Nodes.GetValueOrDefault(a)?.Inventory.Tunnels.FirstOrDefault(t => t.Network == network && t.PeerNode == b);
        var fromB = snapshot.Nodes.GetValueOrDefault(b)?.Inventory.Tunnels.FirstOrDefault(t => t.Network == network && t.PeerNode == a);
        var pair = new TunnelPair(a, b, fromA, fromB);
        return new($"Tunnel {network} {a} ⇄ {b}",
            [("State", pair.State.ToString().ToLowerInvariant()), ("Ends", pair.Describe(network))],
            [($"Network {network}", $"networks/{Uri.EscapeDataString(network)}"), ($"Node {a}", $"nodes/{Uri.EscapeDataString(a)}"),
                ($"Node {b}", $"nodes/{Uri.EscapeDataString(b)}")]);
    }

    private static TopologyDetails? Pod(LiveSnapshot snapshot, string ns, string name)
    {
        if (!snapshot.Objects.Pods.TryGetValue($"{ns}/{name}", out var pod))
        {
            return null;
        }

        var nads = ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);
        ImmutableArray<(string, string)> rows =
        [
            ("Namespace", ns),
            ("Node", pod.NodeName ?? "not scheduled"),
            .. pod.Attachments.Select(a => (a.Interface, $"{nads.GetValueOrDefault(a.NadKey) ?? a.NadKey}: {string.Join(", ", a.Ips)}")),
        ];
        ImmutableArray<(string, string)> links = pod.NodeName is { } node
            ? [("Pods", $"pods?namespace={Uri.EscapeDataString(ns)}"), ($"Node {node}", $"nodes/{Uri.EscapeDataString(node)}")]
            : [("Pods", $"pods?namespace={Uri.EscapeDataString(ns)}")];
        return new($"Pod {ns}/{name}", rows, links);
    }

    private static TopologyDetails? Interface(LiveSnapshot snapshot, string ns, string pod, string network)
    {
        var node = snapshot.Objects.Pods.GetValueOrDefault($"{ns}/{pod}")?.NodeName;
        var inventory = node is null ? null : snapshot.Nodes.GetValueOrDefault(node)?.Inventory;
        var memif = inventory?.Memifs.FirstOrDefault(m => m.Namespace == ns && m.Pod == pod && m.Network == network);
        var tap = inventory?.Taps.FirstOrDefault(t => t.Namespace == ns && t.Pod == pod && t.Network == network);
        ImmutableArray<(string, string)> rows = memif is not null
            ? [("Kind", "memif"), ("Interface", memif.Interface), ("Address", memif.Address ?? "—"), ("Link", memif.LinkUp ? "up" : "down"),
                ("Rx / Tx packets", $"{memif.RxPackets:N0} / {memif.TxPackets:N0}"), ("Socket", memif.Socket)]
            : tap is not null
                ? [("Kind", "tap"), ("Interface", tap.Interface), ("Address", tap.Address), ("Link", tap.LinkUp ? "up" : "down")]
                : [("Kind", "not reported by the node yet")];
        return new($"Interface of {ns}/{pod} on {network}", rows,
        [
            ("Memifs of the node", $"memif?node={Uri.EscapeDataString(node ?? "")}&network={Uri.EscapeDataString(network)}"),
            ($"Network {network}", $"networks/{Uri.EscapeDataString(network)}"),
        ]);
    }

    private static TopologyDetails? Service(LiveSnapshot snapshot, string ns, string name)
    {
        if (!snapshot.Objects.Services.TryGetValue($"{ns}/{name}", out var service))
        {
            return null;
        }

        var endpoints = ServiceEndpoints.For(snapshot.Objects.Pods.Values, service, ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values));
        return new($"Service {ns}/{name}",
            [("Network", service.Network ?? "default"), ("Cluster IPs", string.Join(", ", service.ClusterIps)),
                ("Endpoints", endpoints.IsEmpty ? "none" : string.Join(", ", endpoints.Select(e => $"{e.Pod.Name} {e.Address}")))],
            [("Services", $"services?network={Uri.EscapeDataString(service.Network ?? "")}")]);
    }
}
