using System.Collections.Immutable;

namespace Multinet.Web.Topology;

/// <summary>
/// What turns one drawn graph into the next: elements to add (nodes before edges), ids to remove (edges before
/// nodes), and elements whose look changed in place. Never a full redraw: unchanged elements are not named at all.
/// </summary>
public sealed record TopologyDiff(ImmutableArray<TopologyElement> Added, ImmutableArray<string> Removed, ImmutableArray<TopologyElement> Restyled)
{
    public static TopologyDiff Empty { get; } = new([], [], []);

    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty && Restyled.IsEmpty;

    /// <summary>
    /// The diff from <paramref name="before"/> to <paramref name="after"/>. An element whose kind or ends changed is
    /// removed and added again; one whose label, classes, colour or hover changed is restyled; a moved one is neither.
    /// </summary>
    public static TopologyDiff Between(IReadOnlyDictionary<string, TopologyElement> before, IReadOnlyDictionary<string, TopologyElement> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var added = new List<TopologyElement>();
        var removed = new List<TopologyElement>();
        var restyled = new List<TopologyElement>();
        foreach (var (id, old) in before)
        {
            if (!after.TryGetValue(id, out var next) || !old.SameShape(next))
            {
                removed.Add(old);
            }
        }

        // Removing a node takes its edges with it: an edge kept across a node's removal is drawn again.
        var removedNodes = removed.Where(e => !e.IsEdge).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, next) in after)
        {
            var orphaned = next.IsEdge && (removedNodes.Contains(next.Source!) || removedNodes.Contains(next.Target!));
            if (!before.TryGetValue(id, out var old) || !old.SameShape(next) || orphaned)
            {
                added.Add(next);
                if (orphaned && old is not null && old.SameShape(next))
                {
                    removed.Add(old);
                }
            }
            else if (!old.SameStyle(next))
            {
                restyled.Add(next);
            }
        }

        return new(
            [.. added.OrderBy(e => e.IsEdge).ThenBy(e => e.Id, StringComparer.Ordinal)],
            [.. removed.OrderByDescending(e => e.IsEdge).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id)],
            [.. restyled.OrderBy(e => e.Id, StringComparer.Ordinal)]);
    }
}
