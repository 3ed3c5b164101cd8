using System.Collections.Immutable;
using Multinet.Shared.Cluster;

namespace Multinet.Web.State;

/// <summary>
/// The cluster objects the console follows besides Networks, already parsed (bad annotations and configs are
/// error fields, not exceptions): NADs, pods, services and Calico policies, keyed <c>namespace/name</c>.
/// <see cref="Synced"/> is false until each kind has been listed once. <see cref="Stamps"/> holds the version of each
/// object of the kinds the YAML editor follows (not pods), so an open editor notices a change without a watch of its own.
/// </summary>
public sealed record ClusterObjects
{
    public static ClusterObjects Empty { get; } = new();

    public ImmutableSortedDictionary<string, ClusterNad> Nads { get; init; } = ImmutableSortedDictionary.Create<string, ClusterNad>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterPod> Pods { get; init; } = ImmutableSortedDictionary.Create<string, ClusterPod>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterService> Services { get; init; } = ImmutableSortedDictionary.Create<string, ClusterService>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterPolicy> Policies { get; init; } = ImmutableSortedDictionary.Create<string, ClusterPolicy>(StringComparer.Ordinal);

    /// <summary>KubeVirt's VirtualMachineInstances (empty where KubeVirt is not installed, see <see cref="KubeVirt"/>).</summary>
    public ImmutableSortedDictionary<string, ClusterVmi> Vmis { get; init; } = ImmutableSortedDictionary.Create<string, ClusterVmi>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterVm> Vms { get; init; } = ImmutableSortedDictionary.Create<string, ClusterVm>(StringComparer.Ordinal);

    /// <summary>Whether the cluster serves KubeVirt's kinds: unknown until they were first listed.</summary>
    public KubeVirtAvailability KubeVirt { get; init; }

    public bool Synced { get; init; }

    /// <summary>Per watched kind (<see cref="Multinet.Kube.WatchedKind{T}.Name"/>), each object's version, keyed <c>namespace/name</c>.</summary>
    public ImmutableDictionary<string, ImmutableSortedDictionary<string, ObjectStamp>> Stamps { get; init; } =
        ImmutableDictionary.Create<string, ImmutableSortedDictionary<string, ObjectStamp>>(StringComparer.Ordinal);

    /// <summary>The version of one object, or null when the watch does not hold it.</summary>
    public ObjectStamp? StampOf(string kind, string key) =>
        Stamps.TryGetValue(kind, out var stamps) && stamps.TryGetValue(key, out var stamp) ? stamp : null;

    /// <summary>Whether the watch of <paramref name="kind"/> has listed and keeps versions (so an absent object is gone).</summary>
    public bool Stamped(string kind) => Stamps.ContainsKey(kind);
}
