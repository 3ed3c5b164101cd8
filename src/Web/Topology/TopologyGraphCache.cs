using System.Collections.Immutable;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// The graphs built from the current live snapshot, shared by every open /topology page: each live batch builds a view
/// (layers, filters, expansions) once however many pages show it, and a page opened on a view another page shows gets
/// it at once. Only the newest snapshot's graphs are kept (an older snapshot's are dropped when a newer one is built
/// from), at most <see cref="MaxViews"/> views of it. Beside them, the newest graph built of each view, whatever its
/// snapshot, is kept for the prerendered first screen (<see cref="GetRecent"/>), at most <see cref="MaxViews"/> views too.
/// </summary>
public sealed class TopologyGraphCache
{
    /// <summary>The most views of one snapshot kept.</summary>
    public const int MaxViews = 16;

    private readonly Lock _lock = new();
    private readonly List<(TopologyQuery Query, ImmutableSortedDictionary<string, TopologyElement> Elements)> _views = [];
    private readonly List<(TopologyQuery Query, long Version, ImmutableSortedDictionary<string, TopologyElement> Elements)> _recent = [];
    private LiveSnapshot? _snapshot;

    /// <summary>How many graphs were built rather than found (for tests).</summary>
    public int Built { get; private set; }

    /// <summary>
    /// The graph for the prerendered first screen: this snapshot's if it was built, else the newest one built of the same
    /// view from an older snapshot (the interactive page that takes the drawing over applies what changed since), else
    /// one built now. <see cref="TopologyGraphWarmer"/> keeps the default view's no more than one interval behind.
    /// </summary>
    public ImmutableSortedDictionary<string, TopologyElement> GetRecent(LiveSnapshot snapshot, TopologyQuery query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(query);
        var view = query with { Selected = null };
        lock (_lock)
        {
            if (_recent.FindIndex(v => v.Query.Equals(view)) is var found and >= 0 && _recent[found].Version <= snapshot.Version)
            {
                return ReferenceEquals(snapshot, _snapshot) && _views.FindIndex(v => v.Query.Equals(view)) is var exact and >= 0
                    ? _views[exact].Elements
                    : _recent[found].Elements;
            }
        }

        return Get(snapshot, query);
    }

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

            var recent = _recent.FindIndex(v => v.Query.Equals(view));
            if (recent < 0 || _recent[recent].Version <= snapshot.Version)
            {
                if (recent >= 0)
                {
                    _recent.RemoveAt(recent);
                }
                else if (_recent.Count == MaxViews)
                {
                    _recent.RemoveAt(0);
                }

                _recent.Add((view, snapshot.Version, elements));
            }
        }

        return elements;
    }
}
