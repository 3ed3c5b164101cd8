using System.Collections.Immutable;

namespace Multinet.Web.Topology;

/// <summary>A path to highlight on the graph: its hops' element ids in order, and the first broken one (null when none is).</summary>
public sealed record TopologyPath(ImmutableArray<string> Hops, string? Broken)
{
    public bool Equals(TopologyPath? other) =>
        other is not null && Broken == other.Broken && Hops.SequenceEqual(other.Hops);

    public override int GetHashCode() => HashCode.Combine(Hops.Length, Broken);
}
