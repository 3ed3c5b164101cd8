using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

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

    /// <summary>
    /// What is derived from a snapshot's Networks and objects, kept per <see cref="ClusterObjects"/> instance (weakly) for
    /// the Networks it was built with: snapshots that differ only in node reports share it, so pages rendering after
    /// every report do not rebuild it.
    /// </summary>
    private static readonly ConditionalWeakTable<ClusterObjects, Derived> s_derived = [];

    /// <summary>
    /// The Networks and the followed objects as one view, as the planner and the controllers see the cluster. Built once
    /// per Networks and objects, whatever the nodes report meanwhile.
    /// </summary>
    public static ClusterView ViewOf(LiveSnapshot snapshot) => DerivedOf(snapshot).View;

    /// <summary>What uses each Network of the snapshot (<see cref="NetworkUsage"/>), computed once per Networks and objects.</summary>
    public static ImmutableDictionary<string, NetworkUsage> UsageOf(LiveSnapshot snapshot) => DerivedOf(snapshot).Usage.Value;

    private static Derived DerivedOf(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (s_derived.TryGetValue(snapshot.Objects, out var known) && ReferenceEquals(known.Networks, snapshot.Networks))
        {
            return known;
        }

        var view = ClusterViewProjection.Assemble(snapshot.Networks.Values, snapshot.Objects.Nads.Values, snapshot.Objects.Pods.Values, [],
            snapshot.Objects.Services.Values, snapshot.Objects.Policies.Values);
        var derived = new Derived(snapshot.Networks, view, new Lazy<ImmutableDictionary<string, NetworkUsage>>(() => NetworkUsage.OfAll(view, snapshot.Networks.Keys)));
        s_derived.AddOrUpdate(snapshot.Objects, derived);
        return derived;
    }

    private sealed record Derived(ImmutableSortedDictionary<string, V3Network> Networks, ClusterView View, Lazy<ImmutableDictionary<string, NetworkUsage>> Usage);

    internal static ImmutableSortedDictionary<string, T> Keyed<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.ToImmutableSortedDictionary(key, i => i, StringComparer.Ordinal);
}
