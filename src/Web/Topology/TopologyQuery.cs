using System.Collections.Immutable;

namespace Multinet.Web.Topology;

/// <summary>
/// What the topology page shows, as its URL query holds it: hidden network layers (<c>hide</c>), expanded networks
/// (<c>open</c>), the nodes expanded within them (<c>groups</c>, <c>network/node</c>), the default network (<c>default=1</c>), filters by node, namespace and pod (substrings), the selected
/// element (<c>sel</c>) and the layout (<c>layout=grid|circle</c>). Every field has a neutral default, so a bare
/// <c>/topology</c> is the aggregate view of everything.
/// </summary>
public sealed record TopologyQuery
{
    public const string GridLayout = "grid";
    public const string CircleLayout = "circle";

    public static TopologyQuery Default { get; } = new();

    public ImmutableSortedSet<string> Hidden { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public ImmutableSortedSet<string> Expanded { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Expanded nodes of expanded networks, each <c>network/node</c>: their pods and VMs are drawn one by one.</summary>
    public ImmutableSortedSet<string> ExpandedGroups { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public bool ShowDefaultNetwork { get; init; }

    public string? Node { get; init; }

    public string? Namespace { get; init; }

    public string? Pod { get; init; }

    public string? Selected { get; init; }

    public string Layout { get; init; } = GridLayout;

    public bool Shows(string network) => !Hidden.Contains(network);

    public TopologyQuery Toggle(string network) =>
        this with { Hidden = Hidden.Contains(network) ? Hidden.Remove(network) : Hidden.Add(network) };

    /// <summary>Expands or collapses a network; collapsing it collapses its expanded nodes too.</summary>
    public TopologyQuery ToggleExpanded(string network) => Expanded.Contains(network)
        ? this with { Expanded = Expanded.Remove(network), ExpandedGroups = ExpandedGroups.Except(ExpandedGroups.Where(g => GroupNetwork(g) == network)) }
        : this with { Expanded = Expanded.Add(network) };

    /// <summary>Whether <paramref name="node"/>'s pods and VMs on <paramref name="network"/> are drawn one by one.</summary>
    public bool ShowsGroup(string network, string node) => ExpandedGroups.Contains(GroupKey(network, node));

    /// <summary>Expands or collapses one node of a network (expanding the network too).</summary>
    public TopologyQuery ToggleGroup(string network, string node)
    {
        var key = GroupKey(network, node);
        return ExpandedGroups.Contains(key)
            ? this with { ExpandedGroups = ExpandedGroups.Remove(key) }
            : this with { ExpandedGroups = ExpandedGroups.Add(key), Expanded = Expanded.Add(network), Hidden = Hidden.Remove(network) };
    }

    public static string GroupKey(string network, string node) => $"{network}/{node}";

    /// <summary>Reads the query's values (null or empty meaning the default); an unknown layout is the grid.</summary>
    public static TopologyQuery Parse(string? hide, string? open, string? showDefault, string? node, string? ns, string? pod, string? selected, string? layout,
        string? groups = null) => new()
    {
        Hidden = Names(hide),
        Expanded = Names(open),
        ExpandedGroups = Names(groups).Where(g => g.IndexOf('/', StringComparison.Ordinal) > 0).ToImmutableSortedSet(StringComparer.Ordinal),
        ShowDefaultNetwork = showDefault is "1" or "true",
        Node = Blank(node),
        Namespace = Blank(ns),
        Pod = Blank(pod),
        Selected = Blank(selected),
        Layout = layout == CircleLayout ? CircleLayout : GridLayout,
    };

    /// <summary>The query parameters that hold this state; defaults are null so they drop out of the URL.</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["hide"] = Hidden.IsEmpty ? null : string.Join(',', Hidden),
        ["open"] = Expanded.IsEmpty ? null : string.Join(',', Expanded),
        ["groups"] = ExpandedGroups.IsEmpty ? null : string.Join(',', ExpandedGroups),
        ["default"] = ShowDefaultNetwork ? "1" : null,
        ["node"] = Node,
        ["ns"] = Namespace,
        ["pod"] = Pod,
        ["sel"] = Selected,
        ["layout"] = Layout == GridLayout ? null : Layout,
    };

    public bool Equals(TopologyQuery? other) =>
        other is not null && Hidden.SetEquals(other.Hidden) && Expanded.SetEquals(other.Expanded)
        && ExpandedGroups.SetEquals(other.ExpandedGroups) && ShowDefaultNetwork == other.ShowDefaultNetwork
        && Node == other.Node && Namespace == other.Namespace && Pod == other.Pod && Selected == other.Selected && Layout == other.Layout;

    public override int GetHashCode() => HashCode.Combine(Hidden.Count, Expanded.Count, ShowDefaultNetwork, Node, Namespace, Pod, Selected, Layout);

    private static string GroupNetwork(string group) => group[..Math.Max(0, group.IndexOf('/', StringComparison.Ordinal))];

    private static ImmutableSortedSet<string> Names(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableSortedSet(StringComparer.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
