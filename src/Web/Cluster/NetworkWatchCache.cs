using Multinet.Kube;
using Multinet.Shared.Crds;
using Multinet.Web.State;

namespace Multinet.Web.Cluster;

/// <summary>
/// The console's one watch on Networks: the shared <see cref="KindWatchLoop{T}"/> feeding <see cref="LiveState"/>, whose
/// connection state is the console's "Kubernetes API cannot be reached" banner. No page ever watches.
/// </summary>
internal sealed class NetworkWatchCache(ClusterAccess access, LiveState state, TimeProvider timeProvider,
    ILogger<NetworkWatchCache> logger) : BackgroundService, IKindSink<V3Network>, IWatchConnectionObserver
{
    private static readonly TimeSpan s_missingKindRetry = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new KindWatchLoop<V3Network>(WatchedKinds.Networks, this, access.GetClientAsync, timeProvider, logger, s_missingKindRetry, this)
            .RunAsync(stoppingToken);

    void IKindSink<V3Network>.Replace(IEnumerable<V3Network> items) => state.ReplaceNetworks([.. items]);

    void IKindSink<V3Network>.Upsert(V3Network item) => state.UpsertNetwork(item);

    void IKindSink<V3Network>.Delete(V3Network item) => state.RemoveNetwork(item.Metadata.Name);

    void IWatchConnectionObserver.Connected() => state.SetClusterConnection(true, null);

    void IWatchConnectionObserver.Lost(Exception error) => state.SetClusterConnection(false, error.Message);

    void IWatchConnectionObserver.Recovered() => state.SetClusterConnection(true, null);
}
