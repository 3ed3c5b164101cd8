using System.Collections.Immutable;
using Multinet.Shared.Cluster;

namespace Multinet.Web.State;

public sealed partial class LiveState
{
    /// <summary>Replaces the parsed objects of one kind (a fresh list); <paramref name="kind"/> names the change.</summary>
    public void ReplaceObjects(string kind, Func<ClusterObjects, ClusterObjects> update) =>
        Mutate((snapshot, version) =>
        {
            var next = update(snapshot.Objects);
            return ReferenceEquals(next, snapshot.Objects)
                ? null
                : Changed(snapshot with { Objects = next }, LiveChangeKind.ClusterObjectsChanged, kind, version);
        });

    /// <summary>The Networks and the followed objects as one view, as the planner and the controllers see the cluster.</summary>
    public static ClusterView ViewOf(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ClusterViewProjection.Assemble(snapshot.Networks.Values, snapshot.Objects.Nads.Values, snapshot.Objects.Pods.Values, [],
            snapshot.Objects.Services.Values, snapshot.Objects.Policies.Values);
    }

    internal static ImmutableSortedDictionary<string, T> Keyed<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.ToImmutableSortedDictionary(key, i => i, StringComparer.Ordinal);
}
