using Multinet.Shared.Cluster;

namespace Multinet.Agent.Controllers;

/// <summary>A leader-only controller: one level-based pass brings the cluster in line with the view.</summary>
internal interface IClusterController
{
    string Name { get; }

    /// <summary>
    /// Writes what differs. <paramref name="resync"/>: the pass comes from the resync timer (or is the first one), so
    /// nothing remembered from earlier passes may be trusted.
    /// </summary>
    Task SyncAsync(ClusterView view, bool resync, CancellationToken cancellationToken);
}
