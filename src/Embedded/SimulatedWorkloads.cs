using System.Threading.Channels;
using k8s;
using k8s.Models;
using Multinet.Kube;

namespace Multinet.Embedded;

/// <summary>
/// The simulated Deployment and ReplicaSet controllers of the embedded mode, on the embedded API like any client. A
/// Deployment gets one ReplicaSet per pod template (named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, owned by it);
/// a ReplicaSet keeps <c>spec.replicas</c> pods from its template (<c>generateName</c>, owned by it), deleting not-running
/// then newest pods first when scaled down; both write their status. A template change scales the old ReplicaSets to 0
/// at once (no rolling surge), and deleting an owner deletes what it owns (what the garbage collector does).
/// Every change is handled on one loop over caches fed by the watches.
/// </summary>
internal sealed partial class SimulatedWorkloads(IKubernetes client, TimeProvider timeProvider, ILogger logger)
{
    private static readonly TimeSpan s_missingKindRetry = TimeSpan.FromMinutes(1);

    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, V1Deployment> _deployments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1ReplicaSet> _replicaSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private bool _syncQueued;

    public static WatchedKind<V1Deployment> Deployments { get; } = new("Deployments",
        async (k, ct) =>
        {
            var list = await k.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: ct);
            return new ListResult<V1Deployment>([.. list.Items], list.Metadata?.ResourceVersion);
        },
        (k, rv, onError, ct) => Nullable(k.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError,
            cancellationToken: ct)));

    public static WatchedKind<V1ReplicaSet> ReplicaSets { get; } = new("ReplicaSets",
        async (k, ct) =>
        {
            var list = await k.AppsV1.ListReplicaSetForAllNamespacesAsync(cancellationToken: ct);
            return new ListResult<V1ReplicaSet>([.. list.Items], list.Metadata?.ResourceVersion);
        },
        (k, rv, onError, ct) => Nullable(k.AppsV1.WatchListReplicaSetForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError,
            cancellationToken: ct)));

    /// <summary>Lists the three kinds, then follows their watches, syncing after each burst of changes until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deployments = await Deployments.ListAsync(client, cancellationToken);
        var replicaSets = await ReplicaSets.ListAsync(client, cancellationToken);
        var pods = await WatchedKinds.Pods.ListAsync(client, cancellationToken);
        Replace(_deployments, deployments.Items);
        Replace(_replicaSets, replicaSets.Items);
        Replace(_pods, pods.Items);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watches = new[]
        {
            Watch(Deployments, deployments.ResourceVersion, _deployments, stop.Token),
            Watch(ReplicaSets, replicaSets.ResourceVersion, _replicaSets, stop.Token),
            Watch(WatchedKinds.Pods, pods.ResourceVersion, _pods, stop.Token),
        };

        try
        {
            _work.Writer.TryWrite(SyncAsync);
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await work(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogSyncFailed(ex);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(watches).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private Task Watch<T>(WatchedKind<T> kind, string? resourceVersion, Dictionary<string, T> cache, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new KindWatchLoop<T>(kind, new CacheSink<T>(this, cache), _ => Task.FromResult(client), timeProvider, logger, s_missingKindRetry)
            .RunAsync(resourceVersion, cancellationToken);

    /// <summary>
    /// Updates the cache on the work loop, then asks for one sync there: a sync queued after the change sees it, and
    /// changes applied while one is queued share it.
    /// </summary>
    private void Post(Action change) =>
        _work.Writer.TryWrite(_ =>
        {
            change();
            if (!_syncQueued)
            {
                _syncQueued = true;
                _work.Writer.TryWrite(ct =>
                {
                    _syncQueued = false;
                    return SyncAsync(ct);
                });
            }

            return Task.CompletedTask;
        });

    private static string Key(IKubernetesObject<V1ObjectMeta> item) => $"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}";

    private static void Replace<T>(Dictionary<string, T> cache, IEnumerable<T> items)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        cache.Clear();
        foreach (var item in items)
        {
            cache[Key(item)] = item;
        }
    }

    private static async IAsyncEnumerable<(WatchEventType, T?)> Nullable<T>(IAsyncEnumerable<(WatchEventType, T)> events)
        where T : class
    {
        await foreach (var (type, item) in events)
        {
            yield return (type, item);
        }
    }

    private sealed class CacheSink<T>(SimulatedWorkloads owner, Dictionary<string, T> cache) : IKindSink<T>
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        public void Replace(IEnumerable<T> items)
        {
            var list = items.ToList();
            owner.Post(() => SimulatedWorkloads.Replace(cache, list));
        }

        public void Upsert(T item) => owner.Post(() => cache[Key(item)] = item);

        public void Delete(T item) => owner.Post(() => cache.Remove(Key(item)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated Deployment controller: a sync failed; it is retried on the next change.")]
    private partial void LogSyncFailed(Exception exception);
}
