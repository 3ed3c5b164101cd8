using Microsoft.Extensions.Options;
using Multinet.Agent.Telemetry;
using Multinet.Kube;

namespace Multinet.Agent.Kubernetes;

/// <summary>Runs one list/watch loop per kind into the <see cref="ClusterCache"/>.</summary>
internal sealed class ClusterWatcher(KubernetesClientProvider clients, ClusterCache cache, IOptions<AgentOptions> options,
    TimeProvider timeProvider, ILogger<ClusterWatcher> logger, KubernetesConnection? connection = null) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = options.Value.MissingKindRetryInterval;
        return Task.WhenAll(
            Loop(WatchedKinds.Networks, cache.Networks).RunAsync(stoppingToken),
            Loop(WatchedKinds.Nads, cache.Nads).RunAsync(stoppingToken),
            Loop(WatchedKinds.Pods, cache.Pods).RunAsync(stoppingToken),
            Loop(WatchedKinds.Nodes, cache.Nodes).RunAsync(stoppingToken),
            Loop(WatchedKinds.Services, cache.Services).RunAsync(stoppingToken),
            Loop(WatchedKinds.Policies, cache.Policies).RunAsync(stoppingToken));

        KindWatchLoop<T> Loop<T>(WatchedKind<T> kind, IKindSink<T> sink)
            where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> =>
            new(kind, sink, ct => clients.GetClientAsync(ct).AsTask(), timeProvider, logger, retry, connection?.For(kind.Name));
    }
}
