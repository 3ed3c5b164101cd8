using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>One node of the Nodes table: its agent's connection and the counts of what its dataplane holds.</summary>
public sealed record NodeRow(NodeView Node, string State)
{
    /// <summary>The connection states a row can be in, as the state filter names them.</summary>
    public static readonly IReadOnlyList<string> States = ["connected", "stale", "disconnected"];

    private string? _vrfSummary;

    public string Name => Node.Name;

    public int VrfsReady { get; init; }

    public int VrfsTotal => Node.Inventory.Vrfs.Length;

    public int TunnelsUp { get; init; }

    public int TunnelsTotal => Node.Inventory.Tunnels.Length;

    public int MemifsUp { get; init; }

    public int MemifsTotal => Node.Inventory.Memifs.Length;

    public int Taps => Node.Inventory.Taps.Length;

    public int Errors => Node.Inventory.Errors.Length;

    /// <summary>
    /// Each VRF with its state, e.g. "blue Applied, red Error" (the VRF cell's tooltip): made when a row is rendered, so
    /// rows scrolled out of view cost nothing per report.
    /// </summary>
    public string VrfSummary => _vrfSummary ??= string.Join(", ", Node.Vrfs.Select(v => $"{v.Network} {v.State}"));

    /// <summary>
    /// A row is its node: MudTable keys its rows by item (<c>@key</c>), so a row equal by value would be a new row, its DOM
    /// rebuilt and re-sent, on every report that moves a counter or the last-seen time. Keyed by name, the row stays and
    /// only the cells that changed are sent.
    /// </summary>
    public bool Equals(NodeRow? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public static NodeRow Of(NodeView node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var state = !node.Connected ? "disconnected" : node.Stale ? "stale" : "connected";
        return new NodeRow(node, state)
        {
            VrfsReady = node.Vrfs.Count(v => v.State == VrfState.Applied),
            TunnelsUp = node.TunnelsUp,
            MemifsUp = node.MemifsUp,
        };
    }

    /// <summary>
    /// The rows matching every filter given, by name: <paramref name="text"/> is part of the node's name,
    /// <paramref name="state"/> one of <see cref="States"/>, <paramref name="withErrors"/> keeps nodes reporting errors.
    /// </summary>
    public static IReadOnlyList<NodeRow> Filter(IEnumerable<NodeRow> rows, string? text, string? state, bool withErrors) =>
        [.. rows.Where(r => (string.IsNullOrWhiteSpace(text) || r.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(state) || string.Equals(r.State, state, StringComparison.OrdinalIgnoreCase))
            && (!withErrors || r.Errors > 0))];
}
