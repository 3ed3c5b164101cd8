using Multinet.Shared.Cluster;

namespace Multinet.Agent.Kubernetes;

/// <summary>The agent's cached view of the cluster, as the reconciler and the controllers read it.</summary>
internal interface IClusterViewSource
{
    /// <summary>True once every watched kind has been listed: before that an empty view means "unknown", not "none".</summary>
    bool IsSynced { get; }

    /// <summary>An immutable snapshot of the current view.</summary>
    ClusterView Snapshot();
}
