using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>
/// A network's tunnel mesh: one row and one column per node; the cell (row, column) is the tunnel the row's node reports
/// towards the column's node, null when it reports none (a missing pair). The diagonal has no cell.
/// </summary>
public sealed record TunnelMeshViewModel(IReadOnlyList<string> Nodes, IReadOnlyDictionary<(string From, string To), TunnelStatus> Tunnels)
{
    public static TunnelMeshViewModel Empty { get; } = new([], new Dictionary<(string, string), TunnelStatus>());

    public TunnelStatus? Cell(string from, string to) => Tunnels.GetValueOrDefault((from, to));

    /// <summary>Pairs with no tunnel, off the diagonal (counted once per mesh).</summary>
    public int MissingCount => _missing ??= (Nodes.Count * (Nodes.Count - 1)) - Tunnels.Count(t => t.Key.From != t.Key.To);

    private int? _missing;

    /// <summary>
    /// The nodes are those whose agent reports a VRF or a tunnel on the network, and the peers those tunnels name. Each
    /// node's tunnels come grouped by Network from <see cref="TunnelIndex"/>, built once per report for every page.
    /// </summary>
    public static TunnelMeshViewModel From(LiveSnapshot snapshot, string network)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        var tunnels = new Dictionary<(string, string), TunnelStatus>();
        foreach (var node in snapshot.Nodes.Values)
        {
            if (!TunnelIndex.Holds(node.Inventory, network))
            {
                continue;
            }

            nodes.Add(node.Name);
            foreach (var tunnel in TunnelIndex.TunnelsOn(node.Inventory, network))
            {
                nodes.Add(tunnel.PeerNode);
                tunnels[(node.Name, tunnel.PeerNode)] = tunnel;
            }
        }

        return new([.. nodes], tunnels);
    }

    public static string Tooltip(TunnelStatus tunnel)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        var text = $"VNI {tunnel.Vni} · {tunnel.Src} → {tunnel.Dst} · rx {Units.Count(tunnel.RxPackets)} pkts / {Units.Si(tunnel.RxBytes, "B")} · tx {Units.Count(tunnel.TxPackets)} pkts / {Units.Si(tunnel.TxBytes, "B")}";
        return tunnel.Error is { } error ? $"{text} · {error}" : text;
    }
}
