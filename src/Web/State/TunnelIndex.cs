using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Multinet.Shared.Domain;

namespace Multinet.Web.State;

/// <summary>
/// A node's reported tunnels and VRFs grouped by Network, built once per reported inventory and shared by every page
/// (kept weakly per <see cref="NodeInventory"/> instance): a Network's mesh reads one group per node instead of scanning
/// every tunnel of every node for every circuit that opens it.
/// </summary>
public static class TunnelIndex
{
    private static readonly ConditionalWeakTable<NodeInventory, Groups> s_groups = [];

    /// <summary>The tunnels <paramref name="inventory"/> reports on <paramref name="network"/>, in report order.</summary>
    public static ImmutableArray<TunnelStatus> TunnelsOn(NodeInventory inventory, string network) =>
        Of(inventory).Tunnels.GetValueOrDefault(network, []);

    /// <summary>Whether <paramref name="inventory"/> reports a VRF or a tunnel on <paramref name="network"/>.</summary>
    public static bool Holds(NodeInventory inventory, string network)
    {
        var groups = Of(inventory);
        return groups.Networks.Contains(network);
    }

    private static Groups Of(NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return s_groups.GetValue(inventory, static i => new Groups(
            i.Tunnels.GroupBy(t => t.Network, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal),
            i.Vrfs.Select(v => v.Network).Concat(i.Tunnels.Select(t => t.Network)).ToFrozenSet(StringComparer.Ordinal)));
    }

    private sealed record Groups(FrozenDictionary<string, ImmutableArray<TunnelStatus>> Tunnels, FrozenSet<string> Networks);
}
