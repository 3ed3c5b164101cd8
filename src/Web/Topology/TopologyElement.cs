namespace Multinet.Web.Topology;

/// <summary>
/// One element of the topology graph: a node (host, network, pod, service) or an edge (VRF membership, tunnel,
/// interface, service endpoint). <see cref="X"/> and <see cref="Y"/> are where a new element appears; an element
/// already drawn keeps its place, so they take no part in <see cref="TopologyDiff"/>.
/// </summary>
public sealed record TopologyElement(string Id, TopologyElementKind Kind, string Label)
{
    /// <summary>An edge's first end (an element id); null for nodes.</summary>
    public string? Source { get; init; }

    /// <summary>An edge's second end (an element id); null for nodes.</summary>
    public string? Target { get; init; }

    /// <summary>Space-separated style classes: the kind and its state (<c>tunnel down</c>, <c>host stale</c> …).</summary>
    public string Classes { get; init; } = "";

    /// <summary>The element's colour (its network's, for layered elements), <c>#rrggbb</c>; empty for the default.</summary>
    public string Color { get; init; } = "";

    /// <summary>What hovering shows: counters, addresses, states.</summary>
    public string Hover { get; init; } = "";

    public double X { get; init; }

    public double Y { get; init; }

    public bool IsEdge => Source is not null;

    /// <summary>Whether the drawn element can be restyled into <paramref name="other"/> (same id, kind and ends).</summary>
    internal bool SameShape(TopologyElement other) =>
        Id == other.Id && Kind == other.Kind && Source == other.Source && Target == other.Target;

    /// <summary>Whether the two look the same (label, classes, colour, hover); position is not compared.</summary>
    internal bool SameStyle(TopologyElement other) =>
        Label == other.Label && Classes == other.Classes && Color == other.Color && Hover == other.Hover;
}
