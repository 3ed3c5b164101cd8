using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// The tunnel health of one network: every pair of shown nodes that both have its VRF should have a tunnel, reported
/// up by both ends. Counts every pair; keeps the pairs themselves only when asked (an expanded network), and past
/// <see cref="TopologyGraph.MaxTunnels"/> pairs only those not up.
/// </summary>
internal sealed record TunnelSummary(int Pairs, int Up, int Down, int Missing, ImmutableArray<TunnelPair> Tunnels)
{
    private static readonly ConditionalWeakTable<NodeInventory, Dictionary<string, Dictionary<string, TunnelStatus>>> s_index = [];

    public static TunnelSummary Of(LiveSnapshot snapshot, string network, ImmutableHashSet<string> hosts, bool keepPairs)
    {
        var members = snapshot.Nodes.Values
            .Where(n => hosts.Contains(n.Name) && n.Vrfs.Any(v => v.Network == network))
            .Select(n => (n.Name, Tunnels: Index(n.Inventory).GetValueOrDefault(network)))
            .ToArray();
        var keepUp = members.Length * (members.Length - 1) / 2 <= TopologyGraph.MaxTunnels;
        var kept = ImmutableArray.CreateBuilder<TunnelPair>();
        int up = 0, down = 0, missing = 0;
        for (var i = 0; i < members.Length; i++)
        {
            for (var j = i + 1; j < members.Length; j++)
            {
                var (a, b) = (members[i], members[j]);
                var fromA = a.Tunnels?.GetValueOrDefault(b.Name);
                var fromB = b.Tunnels?.GetValueOrDefault(a.Name);
                var state = TunnelPair.StateOf(fromA, fromB);
                _ = state switch
                {
                    TunnelState.Up => up++,
                    TunnelState.Down => down++,
                    _ => missing++,
                };
                if (keepPairs && (keepUp || state != TunnelState.Up))
                {
                    kept.Add(new TunnelPair(a.Name, b.Name, fromA, fromB));
                }
            }
        }

        return new(up + down + missing, up, down, missing, kept.ToImmutable());
    }

    /// <summary>A node's tunnels by network, then peer; built once per reported inventory.</summary>
    private static Dictionary<string, Dictionary<string, TunnelStatus>> Index(NodeInventory inventory) =>
        s_index.GetValue(inventory, i => i.Tunnels.GroupBy(t => t.Network, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.GroupBy(t => t.PeerNode, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.First(), StringComparer.Ordinal),
            StringComparer.Ordinal));
}
