using Multinet.Shared.Cluster;

namespace Multinet.Agent.Kubernetes;

/// <summary>The agent's cached view of the cluster, as the reconciler and the controllers read it.</summary>
internal interface IClusterViewSource
{
    /// <summary>True once every watched kind has been listed: before that an empty view means "unknown", not "none".</summary>
    bool IsSynced { get; }

    /// <summary>An immutable snapshot of the current view.</summary>
    ClusterView Snapshot();

    /// <summary>
    /// A snapshot together with what the planner reads that changed since the last call, taken at once: a change made
    /// after it is in the next call's changes. A source that does not track changes says <see cref="PlannerChanges.All"/>.
    /// </summary>
    (ClusterView View, PlannerChanges Changes) TakeSnapshot() => (Snapshot(), PlannerChanges.All);
}
