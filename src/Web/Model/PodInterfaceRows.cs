using System.Collections.Immutable;
using Multinet.Shared.Domain;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>
/// The Pods page's rows, kept across snapshots and updated in place: a node whose taps and memifs are the same as last
/// time keeps its rows; a node that reported keeps every row whose shown fields did not change (a counter delta changes
/// none) and gets a new row only for an interface that was added or changed. The sorted list, and the filtered list built
/// from it, are rebuilt only when a row was added, changed or removed, so one pod's update costs one row, not ten thousand.
/// </summary>
public sealed class PodInterfaceRows
{
    private static readonly IComparer<PodInterfaceRow> s_order = Comparer<PodInterfaceRow>.Create((a, b) =>
        string.CompareOrdinal(a.Namespace, b.Namespace) is var byNamespace and not 0 ? byNamespace
        : string.CompareOrdinal(a.Pod, b.Pod) is var byPod and not 0 ? byPod
        : string.CompareOrdinal(a.Interface, b.Interface));

    private readonly string? _network;
    private Dictionary<string, NodeRows> _nodes = new(StringComparer.Ordinal);

    /// <summary>Every node's pod interfaces, or with <paramref name="network"/> only those on that Network.</summary>
    public PodInterfaceRows(string? network = null) => _network = network;

    /// <summary>The Network these rows are on; null for every Network.</summary>
    public string? Network => _network;

    /// <summary>Every row, by namespace, pod and interface.</summary>
    public IReadOnlyList<PodInterfaceRow> All { get; private set; } = [];

    /// <summary>The distinct pods of <see cref="All"/>.</summary>
    public int PodCount { get; private set; }

    public IReadOnlyList<string> Networks { get; private set; } = [];

    public IReadOnlyList<string> Nodes { get; private set; } = [];

    public IReadOnlyList<string> Namespaces { get; private set; } = [];

    /// <summary>How many row objects were made so far (a row kept from the last snapshot is not made again).</summary>
    public long RowsBuilt { get; private set; }

    /// <summary>Brings the rows to <paramref name="snapshot"/>; true when <see cref="All"/> is a new list.</summary>
    public bool Update(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var next = new Dictionary<string, NodeRows>(snapshot.Nodes.Count, StringComparer.Ordinal);
        var changed = snapshot.Nodes.Count != _nodes.Count;
        foreach (var node in snapshot.Nodes.Values)
        {
            var inventory = node.Inventory;
            if (_nodes.TryGetValue(node.Name, out var known) && known.Taps == inventory.Taps && known.Memifs == inventory.Memifs && known.Routes == inventory.Routes)
            {
                next[node.Name] = known;
                continue;
            }

            var rows = RowsOf(node.Name, inventory, known);
            changed |= known is null || !SameRows(known.Rows, rows);
            next[node.Name] = new NodeRows(inventory.Taps, inventory.Memifs, inventory.Routes, rows);
        }

        _nodes = next;
        if (!changed)
        {
            return false;
        }

        var all = new List<PodInterfaceRow>(next.Values.Sum(n => n.Rows.Length));
        foreach (var node in next.Values)
        {
            all.AddRange(node.Rows);
        }

        all.Sort(s_order);
        All = all;
        PodCount = all.Count == 0 ? 0 : 1 + all.Zip(all.Skip(1)).Count(p => p.First.Namespace != p.Second.Namespace || p.First.Pod != p.Second.Pod);
        Networks = Distinct(all, r => r.Network);
        Nodes = Distinct(all, r => r.Node);
        Namespaces = Distinct(all, r => r.Namespace);
        return true;
    }

    private PodInterfaceRow[] RowsOf(string node, NodeInventory inventory, NodeRows? known)
    {
        var previous = known?.Rows.ToDictionary(r => (r.Kind, r.Namespace, r.Pod, r.Interface));
        var routes = PodInterfaceRow.AttachmentRoutes(inventory);
        var rows = new List<PodInterfaceRow>(_network is null ? inventory.Taps.Length + inventory.Memifs.Length : 0);
        foreach (var tap in inventory.Taps)
        {
            if (_network is not null && tap.Network != _network)
            {
                continue;
            }

            rows.Add(previous is not null && previous.TryGetValue(("tap", tap.Namespace, tap.Pod, tap.Interface), out var row)
                && Same(row, tap) && SameRoutes(row, routes)
                ? row
                : Built(PodInterfaceRow.Of(tap, node, routes)));
        }

        foreach (var memif in inventory.Memifs)
        {
            if (_network is not null && memif.Network != _network)
            {
                continue;
            }

            rows.Add(previous is not null && previous.TryGetValue(("memif", memif.Namespace, memif.Pod, memif.Interface), out var row)
                && Same(row, memif) && SameRoutes(row, routes)
                ? row
                : Built(PodInterfaceRow.Of(memif, node, routes)));
        }

        return [.. rows];
    }

    private PodInterfaceRow Built(PodInterfaceRow row)
    {
        RowsBuilt++;
        return row;
    }

    private static bool Same(PodInterfaceRow row, TapStatus tap) =>
        row.Network == tap.Network && row.Address == tap.Address && row.LinkUp == tap.LinkUp && row.Detail == (tap.HostInterface ?? "") && row.Mac == tap.Mac;

    private static bool Same(PodInterfaceRow row, MemifStatus memif) =>
        row.Network == memif.Network && row.Address == (memif.Address ?? "") && row.LinkUp == memif.LinkUp && row.Detail == memif.Socket && row.Mac == memif.Mac;

    private static bool SameRoutes(PodInterfaceRow row, ILookup<string, string> routes) =>
        row.Routes.SequenceEqual(routes[$"{row.Namespace}/{row.Pod}/{row.Interface}"], StringComparer.Ordinal);

    private static bool SameRows(PodInterfaceRow[] before, PodInterfaceRow[] after) =>
        before.Length == after.Length && before.AsSpan().SequenceEqual(after, ReferenceEqualityComparer.Instance);

    private static ImmutableArray<string> Distinct(List<PodInterfaceRow> rows, Func<PodInterfaceRow, string> value) =>
        [.. rows.Select(value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private sealed record NodeRows(ImmutableArray<TapStatus> Taps, ImmutableArray<MemifStatus> Memifs, ImmutableArray<RouteStatus> Routes, PodInterfaceRow[] Rows);
}
