using System.Collections.Immutable;
using Multinet.Shared.Crds;

namespace Multinet.Web.State;

/// <summary>One consistent, immutable view of everything the console shows. <see cref="Version"/> grows with every change.</summary>
public sealed record LiveSnapshot(
    long Version,
    ImmutableSortedDictionary<string, V3Network> Networks,
    ImmutableSortedDictionary<string, NodeView> Nodes,
    ClusterConnection Cluster)
{
    public static LiveSnapshot Empty { get; } = new(0,
        ImmutableSortedDictionary.Create<string, V3Network>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, NodeView>(StringComparer.Ordinal),
        ClusterConnection.Connecting);

    /// <summary>NADs, pods, services and policies, parsed.</summary>
    public ClusterObjects Objects { get; init; } = ClusterObjects.Empty;
}
