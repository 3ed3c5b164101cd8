using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// The tunnel health of one network: every pair of shown nodes that both have its VRF should have a tunnel, reported
/// up by both ends. Counts every pair from the tunnels the nodes report (not by visiting every pair: 200 nodes make
/// 19,900 pairs per network), so a pair nobody reports is counted missing without being looked at. Keeps the pairs
/// themselves only when asked (an expanded network): every pair up to <see cref="TopologyGraph.MaxTunnels"/> pairs;
/// above it only reported pairs that are not up, down ones first, at most <see cref="TopologyGraph.MaxTunnelsDrawn"/>.
/// </summary>
internal sealed record TunnelSummary(int Pairs, int Up, int Down, int Missing, ImmutableArray<TunnelPair> Tunnels)
{
    private static readonly ConditionalWeakTable<NodeInventory, Dictionary<string, Dictionary<string, TunnelStatus>>> s_index = [];

    /// <summary>Pairs not up that are not among <see cref="Tunnels"/> (past the drawing limit, or reported by neither end).</summary>
    public int NotUpUndrawn => Down + Missing - Tunnels.Count(t => t.State != TunnelState.Up);

    public static TunnelSummary Of(LiveSnapshot snapshot, string network, ImmutableHashSet<string> hosts, bool keepPairs)
    {
        var members = new Dictionary<string, Dictionary<string, TunnelStatus>?>(StringComparer.Ordinal);
        foreach (var node in snapshot.Nodes.Values)
        {
            if (hosts.Contains(node.Name) && HasVrf(node, network))
            {
                members[node.Name] = Index(node.Inventory).GetValueOrDefault(network);
            }
        }

        var pairs = members.Count * (members.Count - 1) / 2;
        if (keepPairs && pairs <= TopologyGraph.MaxTunnels)
        {
            return EveryPair(members, pairs);
        }

        int up = 0, down = 0;
        var notUp = keepPairs ? new List<TunnelPair>() : null;
        foreach (var (a, tunnels) in members)
        {
            foreach (var (b, fromA) in tunnels ?? [])
            {
                if (b == a || !members.TryGetValue(b, out var peerTunnels))
                {
                    continue;
                }

                var fromB = peerTunnels?.GetValueOrDefault(a);
                if (fromB is null)
                {
                    // Reported by this end only: missing, seen once (from the end that reports it).
                    notUp?.Add(Pair(a, b, fromA, null));
                }
                else if (string.CompareOrdinal(a, b) < 0)
                {
                    if (fromA.Up && fromB.Up)
                    {
                        up++;
                    }
                    else
                    {
                        down++;
                        notUp?.Add(Pair(a, b, fromA, fromB));
                    }
                }
            }
        }

        var kept = notUp is null ? [] : notUp
            .OrderBy(p => p.State == TunnelState.Down ? 0 : 1).ThenBy(p => p.NodeA, StringComparer.Ordinal).ThenBy(p => p.NodeB, StringComparer.Ordinal)
            .Take(TopologyGraph.MaxTunnelsDrawn).ToImmutableArray();
        return new(pairs, up, down, pairs - up - down, kept);
    }

    private static TunnelSummary EveryPair(Dictionary<string, Dictionary<string, TunnelStatus>?> members, int pairs)
    {
        var names = members.Keys.Order(StringComparer.Ordinal).ToArray();
        var kept = ImmutableArray.CreateBuilder<TunnelPair>(pairs);
        int up = 0, down = 0, missing = 0;
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = i + 1; j < names.Length; j++)
            {
                var pair = new TunnelPair(names[i], names[j], members[names[i]]?.GetValueOrDefault(names[j]), members[names[j]]?.GetValueOrDefault(names[i]));
                _ = pair.State switch
                {
                    TunnelState.Up => up++,
                    TunnelState.Down => down++,
                    _ => missing++,
                };
                kept.Add(pair);
            }
        }

        return new(pairs, up, down, missing, kept.MoveToImmutable());
    }

    /// <summary>The pair in id order (the lower name first), whichever end reported it.</summary>
    private static TunnelPair Pair(string a, string b, TunnelStatus? fromA, TunnelStatus? fromB) =>
        string.CompareOrdinal(a, b) <= 0 ? new(a, b, fromA, fromB) : new(b, a, fromB, fromA);

    private static bool HasVrf(NodeView node, string network)
    {
        foreach (var vrf in node.Vrfs)
        {
            if (vrf.Network == network)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A node's tunnels by network, then peer; built once per reported inventory.</summary>
    private static Dictionary<string, Dictionary<string, TunnelStatus>> Index(NodeInventory inventory) =>
        s_index.GetValue(inventory, i => i.Tunnels.GroupBy(t => t.Network, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.GroupBy(t => t.PeerNode, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.First(), StringComparer.Ordinal),
            StringComparer.Ordinal));
}
