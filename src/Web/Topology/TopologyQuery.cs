using System.Collections.Immutable;

namespace Multinet.Web.Topology;

/// <summary>
/// What the topology page shows, as its URL query holds it: hidden network layers (<c>hide</c>), expanded networks
/// (<c>open</c>), the default network (<c>default=1</c>), filters by node, namespace and pod (substrings), the selected
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

    public bool ShowDefaultNetwork { get; init; }

    public string? Node { get; init; }

    public string? Namespace { get; init; }

    public string? Pod { get; init; }

    public string? Selected { get; init; }

    public string Layout { get; init; } = GridLayout;

    public bool Shows(string network) => !Hidden.Contains(network);

    public TopologyQuery Toggle(string network) =>
        this with { Hidden = Hidden.Contains(network) ? Hidden.Remove(network) : Hidden.Add(network) };

    public TopologyQuery ToggleExpanded(string network) =>
        this with { Expanded = Expanded.Contains(network) ? Expanded.Remove(network) : Expanded.Add(network) };

    /// <summary>Reads the query's values (null or empty meaning the default); an unknown layout is the grid.</summary>
    public static TopologyQuery Parse(string? hide, string? open, string? showDefault, string? node, string? ns, string? pod, string? selected, string? layout) => new()
    {
        Hidden = Names(hide),
        Expanded = Names(open),
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
        ["default"] = ShowDefaultNetwork ? "1" : null,
        ["node"] = Node,
        ["ns"] = Namespace,
        ["pod"] = Pod,
        ["sel"] = Selected,
        ["layout"] = Layout == GridLayout ? null : Layout,
    };

    public bool Equals(TopologyQuery? other) =>
        other is not null && Hidden.SetEquals(other.Hidden) && Expanded.SetEquals(other.Expanded) && ShowDefaultNetwork == other.ShowDefaultNetwork
        && Node == other.Node && Namespace == other.Namespace && Pod == other.Pod && Selected == other.Selected && Layout == other.Layout;

    public override int GetHashCode() => HashCode.Combine(Hidden.Count, Expanded.Count, ShowDefaultNetwork, Node, Namespace, Pod, Selected, Layout);

    private static ImmutableSortedSet<string> Names(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableSortedSet(StringComparer.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
