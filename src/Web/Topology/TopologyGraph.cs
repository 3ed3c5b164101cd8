using System.Collections.Immutable;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// Builds the graph the topology page draws from one live snapshot and the page's query. The first view is an
/// aggregate (hosts and networks, pods counted, tunnel health summed up per network); an expanded network adds its
/// tunnels, one group per node counting its pods and VMs on the network, and its services; an expanded group adds
/// those pods and VMs with their interfaces. Past the drawing limits the counts stay in the labels and only what needs
/// attention (tunnels not up) is drawn, so no click draws more than a few hundred elements.
/// </summary>
internal static partial class TopologyGraph
{
    /// <summary>VRF edges are drawn for every layer while hosts × layers stay under this; above it, only for expanded layers.</summary>
    public const int MaxAggregateEdges = 1000;

    /// <summary>An expanded network draws every tunnel up to this many node pairs; above it, only those not up.</summary>
    public const int MaxTunnels = 1500;

    /// <summary>Above <see cref="MaxTunnels"/> pairs, an expanded network draws at most this many tunnels that are not up.</summary>
    public const int MaxTunnelsDrawn = 300;

    /// <summary>An expanded group draws its pods and VMs one by one up to this many (after filters); above it, counts only.</summary>
    public const int MaxPods = 400;

    /// <summary>The default (cluster) network's layer name; not a Network object.</summary>
    public const string DefaultNetwork = "default";

    public static ImmutableSortedDictionary<string, TopologyElement> Build(LiveSnapshot snapshot, TopologyQuery query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        var facts = TopologyFacts.Of(snapshot, query);
        var elements = ImmutableSortedDictionary.CreateBuilder<string, TopologyElement>(StringComparer.Ordinal);
        var layout = new TopologyLayout(query.Layout, facts.Hosts, facts.Layers);

        foreach (var host in facts.Hosts)
        {
            AddHost(elements, snapshot.Nodes[host], facts, layout);
        }

        var drawVrfs = facts.Hosts.Length * facts.Layers.Length <= MaxAggregateEdges;
        foreach (var network in facts.Layers)
        {
            var expanded = query.Expanded.Contains(network);
            var tunnels = TunnelSummary.Of(snapshot, network, facts.HostSet, keepPairs: expanded);
            AddNetwork(elements, snapshot, network, tunnels, facts, layout, expanded);
            if (drawVrfs || expanded)
            {
                AddVrfs(elements, snapshot, network, facts, layout);
            }

            if (expanded)
            {
                AddTunnels(elements, tunnels, network);
                AddGroups(elements, snapshot, network, facts, layout, query);
                AddServices(elements, snapshot, network, facts, layout);
            }
        }

        if (query.ShowDefaultNetwork)
        {
            AddDefaultNetwork(elements, facts, layout);
        }

        return elements.ToImmutable();
    }

    private static void AddHost(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, NodeView node, TopologyFacts facts, TopologyLayout layout)
    {
        var state = !node.Connected ? "disconnected" : node.Stale ? "stale" : "connected";
        var pods = facts.PodsPerHost.GetValueOrDefault(node.Name);
        var (x, y) = layout.Host(node.Name);
        elements[TopologyIds.Node(node.Name)] = new TopologyElement(TopologyIds.Node(node.Name), TopologyElementKind.Host, $"{node.Name}\n{Count(pods, "pod")}")
        {
            Classes = $"host {state}",
            Hover = $"{node.Name}: {state}, {node.Dataplane} dataplane, {node.TunnelsUp}/{node.Inventory.Tunnels.Length} tunnels up, {node.MemifsUp}/{node.Inventory.Memifs.Length} memifs up",
            X = x,
            Y = y,
        };
    }

    private static void AddNetwork(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, LiveSnapshot snapshot, string network,
        TunnelSummary tunnels, TopologyFacts facts, TopologyLayout layout, bool expanded)
    {
        var vni = snapshot.Networks.TryGetValue(network, out var net) && net.Spec?.Vni is { } v ? $" · vni {v}" : "";
        var pods = facts.PodsPerNetwork.GetValueOrDefault(network);
        var health = tunnels.Pairs == 0 ? "no tunnels" : $"tunnels {tunnels.Up:N0}/{tunnels.Pairs:N0} up" +
            (tunnels.Down > 0 ? $", {tunnels.Down:N0} down" : "") + (tunnels.Missing > 0 ? $", {tunnels.Missing:N0} missing" : "");
        var undrawn = expanded && tunnels.NotUpUndrawn > 0 ? $"; {tunnels.NotUpUndrawn:N0} not up are not drawn (counted only)" : "";
        var (x, y) = layout.Network(network);
        var id = TopologyIds.Network(network);
        elements[id] = new TopologyElement(id, TopologyElementKind.Network, $"{network}{vni}\n{Count(pods, "pod")} · {health}")
        {
            Classes = "network" + (tunnels.Down + tunnels.Missing > 0 ? " degraded" : "") + (expanded ? " expanded" : ""),
            Color = TopologyPalette.For(network),
            Hover = $"{network}: {Count(pods, "pod")}, {health}{undrawn}; click to {(expanded ? "collapse" : "expand")}",
            X = x,
            Y = y,
        };
    }

    private static void AddVrfs(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, LiveSnapshot snapshot, string network,
        TopologyFacts facts, TopologyLayout layout)
    {
        foreach (var host in facts.Hosts)
        {
            if (snapshot.Nodes[host].Vrfs.FirstOrDefault(v => v.Network == network) is not { } vrf)
            {
                continue;
            }

            var id = TopologyIds.Vrf(host, network);
            var failed = vrf.Error is not null;
            elements[id] = new TopologyElement(id, TopologyElementKind.Vrf, "")
            {
                Source = TopologyIds.Network(network),
                Target = TopologyIds.Node(host),
                Classes = "vrf" + (failed ? " failed" : ""),
                Color = TopologyPalette.For(network),
                Hover = $"VRF {network} on {host}: table {vrf.TableId}, {vrf.State}" + (failed ? $" ({vrf.Error})" : ""),
            };
        }
    }

    private static void AddTunnels(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, TunnelSummary tunnels, string network)
    {
        foreach (var tunnel in tunnels.Tunnels)
        {
            var id = TopologyIds.Tunnel(network, tunnel.NodeA, tunnel.NodeB);
            elements[id] = new TopologyElement(id, TopologyElementKind.Tunnel, "")
            {
                Source = TopologyIds.Node(tunnel.NodeA),
                Target = TopologyIds.Node(tunnel.NodeB),
                Classes = $"tunnel {tunnel.State.ToString().ToLowerInvariant()}",
                Color = TopologyPalette.For(network),
                Hover = tunnel.Describe(network),
            };
        }
    }

    private static void AddDefaultNetwork(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, TopologyFacts facts, TopologyLayout layout)
    {
        var (x, y) = layout.Network(DefaultNetwork);
        var id = TopologyIds.Network(DefaultNetwork);
        var pods = facts.PodsPerHost.Values.Sum();
        elements[id] = new TopologyElement(id, TopologyElementKind.Network, $"default network\n{Count(pods, "pod")}")
        {
            Classes = "network default",
            Color = TopologyPalette.DefaultNetwork,
            Hover = "The cluster's default network: every pod's primary interface",
            X = x,
            Y = y,
        };
        foreach (var host in facts.Hosts)
        {
            var edge = TopologyIds.Vrf(host, DefaultNetwork);
            elements[edge] = new TopologyElement(edge, TopologyElementKind.Vrf, "")
            {
                Source = id,
                Target = TopologyIds.Node(host),
                Classes = "vrf default",
                Color = TopologyPalette.DefaultNetwork,
                Hover = $"default network on {host}: {Count(facts.PodsPerHost.GetValueOrDefault(host), "pod")}",
            };
        }
    }

    internal static string Count(int count, string noun) => $"{count:N0} {noun}{(count == 1 ? "" : "s")}";
}
