using System.Collections.Immutable;
using Multinet.Shared.Cluster;

namespace Multinet.Web.State;

/// <summary>
/// The cluster objects the console follows besides Networks, already parsed (bad annotations and configs are
/// error fields, not exceptions): NADs, pods, services and Calico policies, keyed <c>namespace/name</c>.
/// <see cref="Synced"/> is false until each kind has been listed once.
/// </summary>
public sealed record ClusterObjects
{
    public static ClusterObjects Empty { get; } = new();

    public ImmutableSortedDictionary<string, ClusterNad> Nads { get; init; } = ImmutableSortedDictionary.Create<string, ClusterNad>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterPod> Pods { get; init; } = ImmutableSortedDictionary.Create<string, ClusterPod>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterService> Services { get; init; } = ImmutableSortedDictionary.Create<string, ClusterService>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterPolicy> Policies { get; init; } = ImmutableSortedDictionary.Create<string, ClusterPolicy>(StringComparer.Ordinal);

    public bool Synced { get; init; }
}
