using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Components.Pages;

/// <summary>How counters, rates and durations read on the pages (invariant culture, SI prefixes).</summary>
public static class Units
{
    private static readonly string[] s_prefixes = ["", "k", "M", "G", "T"];

    public static string Count(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count with an SI prefix: 1234 → "1.23 k".</summary>
    public static string Si(double value, string unit)
    {
        var prefix = 0;
        while (Math.Abs(value) >= 1000 && prefix < s_prefixes.Length - 1)
        {
            value /= 1000;
            prefix++;
        }

        var format = prefix == 0 ? "0.#" : "0.##";
        return $"{value.ToString(format, CultureInfo.InvariantCulture)} {s_prefixes[prefix]}{unit}";
    }

    public static string PacketRate(double? perSecond) => perSecond is { } rate ? Si(rate, "pps") : "–";

    public static string ByteRate(double? perSecond) => perSecond is { } rate ? Si(rate, "B/s") : "–";

    public static string Milliseconds(double ms) => $"{ms.ToString("0.#", CultureInfo.InvariantCulture)} ms";

    public static string Time(DateTime? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "–";

    public static string Link(bool up) => up ? "up" : "down";
}

/// <summary>One memif on one node with its rates (from the node's last two counter samples).</summary>
public sealed record MemifRowViewModel(string Node, MemifStatus Memif, CounterRate? Rate)
{
    /// <summary>
    /// Each node's rows, keyed by its counter samples: a report gives the node new samples, so its rows are built once per
    /// report and shared by every page and circuit that shows them, and go when the node's samples do.
    /// </summary>
    private static readonly ConditionalWeakTable<ImmutableDictionary<string, MemifSamples>, NodeRows> s_nodeRows = new();

    /// <summary>Received packets per second over the last reports, oldest first (the row's small chart).</summary>
    public ImmutableArray<double> RxHistory { get; init; } = [];

    /// <summary>The rows of every node (or of <paramref name="node"/>), on <paramref name="network"/> when given, in node order.</summary>
    public static IReadOnlyList<MemifRowViewModel> From(LiveSnapshot snapshot, string? node = null, string? network = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = new List<MemifRowViewModel>();
        foreach (var view in snapshot.Nodes.Values)
        {
            if (!string.IsNullOrEmpty(node) && view.Name != node)
            {
                continue;
            }

            foreach (var row in Of(view))
            {
                if (string.IsNullOrEmpty(network) || row.Memif.Network == network)
                {
                    rows.Add(row);
                }
            }
        }

        return rows;
    }

    /// <summary>One node's rows in its inventory's order: the same instances until the node reports again.</summary>
    public static IReadOnlyList<MemifRowViewModel> Of(NodeView node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Inventory.Memifs.IsEmpty)
        {
            return [];
        }

        var memifs = ImmutableCollectionsMarshal.AsArray(node.Inventory.Memifs)!;
        if (s_nodeRows.TryGetValue(node.MemifSamples, out var known) && ReferenceEquals(known.Memifs, memifs) && known.Node == node.Name)
        {
            return known.Rows;
        }

        var rows = Array.ConvertAll(memifs, m => new MemifRowViewModel(node.Name, m, node.MemifRate(m.Key))
        {
            RxHistory = node.MemifSamples.TryGetValue(m.Key, out var samples) ? samples.RxPpsHistory : [],
        });
        s_nodeRows.AddOrUpdate(node.MemifSamples, new NodeRows(node.Name, memifs, rows));
        return rows;
    }

    /// <summary>The rows built for one node's memifs (the inventory's array, by reference).</summary>
    private sealed record NodeRows(string Node, MemifStatus[] Memifs, MemifRowViewModel[] Rows);
}

/// <summary>
/// A network-aware service entry as the nodes programmed it: one row per entry, with the nodes that hold it, and the pods
/// its Service's selector matches that have no attachment on its network (<see cref="OffNetworkPods"/>, pod names).
/// </summary>
public sealed record ServiceEntryRow(ServiceEntryStatus Entry, IReadOnlyList<string> Nodes)
{
    /// <summary>Pods of the Service's namespace that its selector matches but that are not on its network (so no endpoint of it).</summary>
    public IReadOnlyList<string> OffNetworkPods { get; init; } = [];

    /// <summary>Every entry the nodes report (on <paramref name="network"/> only, when given), ordered by key.</summary>
    public static IReadOnlyList<ServiceEntryRow> From(LiveSnapshot snapshot, string? network = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var groups = snapshot.Nodes.Values
            .SelectMany(n => n.Inventory.Services.Where(s => network is null || s.Network == network).Select(s => (Service: s, Node: n.Name)))
            .GroupBy(e => e.Service.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 0)
        {
            return [];
        }

        var nadNetworks = ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);
        var podsByNamespace = snapshot.Objects.Pods.Values.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        var offNetwork = new Dictionary<(string Service, string Network), IReadOnlyList<string>>();
        IReadOnlyList<string> OffNetwork(ServiceEntryStatus entry)
        {
            var key = ($"{entry.Namespace}/{entry.Name}", entry.Network);
            if (!offNetwork.TryGetValue(key, out var pods))
            {
                pods = snapshot.Objects.Services.TryGetValue(key.Item1, out var service) && service.Network == entry.Network
                    ? [.. ServiceEndpoints.MatchedOffNetwork(podsByNamespace[service.Namespace], service, nadNetworks).Select(p => p.Name)]
                    : [];
                offNetwork[key] = pods;
            }

            return pods;
        }

        return [.. groups.Select(g => new ServiceEntryRow(g.First().Service, [.. g.Select(e => e.Node).Order(StringComparer.Ordinal)])
        {
            OffNetworkPods = OffNetwork(g.First().Service),
        })];
    }
}
