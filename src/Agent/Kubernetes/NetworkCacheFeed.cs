using Multinet.Agent.Reconciliation;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// Copies the Networks of the <see cref="ClusterCache"/> into the <see cref="NetworkCache"/> the reconciler still reads,
/// until it reads <see cref="IClusterViewSource"/>: then this file and its registration go.
/// </summary>
internal sealed class NetworkCacheFeed(ClusterCache cluster, NetworkCache networks, ReconcileTrigger trigger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long version = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await cluster.WaitForChangeAsync(version, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            version = cluster.Version;
            if (cluster.IsSynced && networks.Replace(cluster.Snapshot().Networks))
            {
                trigger.Request();
            }
        }
    }
}
