using System.Collections.Immutable;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// The graphs built from the current live snapshot, shared by every open /topology page: each live batch builds a view
/// (layers, filters, expansions) once however many pages show it, and a page opened on a view another page shows gets
/// it at once. Only the newest snapshot's graphs are kept (an older snapshot's are dropped when a newer one is built
/// from), at most <see cref="MaxViews"/> views of it.
/// </summary>
public sealed class TopologyGraphCache
{
    /// <summary>The most views of one snapshot kept.</summary>
    public const int MaxViews = 16;

    private readonly Lock _lock = new();
    private readonly List<(TopologyQuery Query, ImmutableSortedDictionary<string, TopologyElement> Elements)> _views = [];
    private LiveSnapshot? _snapshot;

    /// <summary>How many graphs were built rather than found (for tests).</summary>
    public int Built { get; private set; }

    public ImmutableSortedDictionary<string, TopologyElement> Get(LiveSnapshot snapshot, TopologyQuery query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        var view = query with { Selected = null }; // the selection is drawn by the canvas, not part of the graph
        lock (_lock)
        {
            if (ReferenceEquals(snapshot, _snapshot) && _views.FindIndex(v => v.Query.Equals(view)) is var found and >= 0)
            {
                return _views[found].Elements;
            }
        }

        var elements = TopologyGraph.Build(snapshot, view);
        lock (_lock)
        {
            Built++;
            if (_snapshot is null || snapshot.Version > _snapshot.Version)
            {
                _snapshot = snapshot;
                _views.Clear();
            }

            if (ReferenceEquals(snapshot, _snapshot) && !_views.Exists(v => v.Query.Equals(view)))
            {
                if (_views.Count == MaxViews)
                {
                    _views.RemoveAt(0);
                }

                _views.Add((view, elements));
            }
        }

        return elements;
    }
}
