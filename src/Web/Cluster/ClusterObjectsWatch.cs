using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Multinet.Kube;
using Multinet.Shared.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Cluster;

/// <summary>
/// The console's one watch on NADs, pods, services and Calico policies (Networks have <see cref="NetworkWatchCache"/>, which also tells whether the API answers):
/// the same list/watch loop as the agent's, each kind parsed once into <see cref="LiveState"/>. No page watches.
/// </summary>
internal sealed class ClusterObjectsWatch(ClusterAccess access, LiveState live, TimeProvider timeProvider, ILogger<ClusterObjectsWatch> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_missingKindRetry = TimeSpan.FromMinutes(1);
    private int _listed;

    private LiveState Live => live;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        Run(WatchedKinds.Nads, ClusterViewProjection.ToNad, n => n.Key, o => o.Nads, (o, d) => o with { Nads = d }, stoppingToken),
        Run(WatchedKinds.Pods, ClusterViewProjection.ToPod, p => p.Key, o => o.Pods, (o, d) => o with { Pods = d }, stoppingToken),
        Run(WatchedKinds.Services, ClusterViewProjection.ToService, s => s.Key, o => o.Services, (o, d) => o with { Services = d }, stoppingToken),
        Run(WatchedKinds.Policies, ClusterViewProjection.ToPolicy, p => p.Key, o => o.Policies, (o, d) => o with { Policies = d }, stoppingToken));

    private Task Run<T, TView>(WatchedKind<T> kind, Func<T, TView> project, Func<TView, string> key,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>> get,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>, ClusterObjects> set, CancellationToken stoppingToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var sink = new Sink<T, TView>(this, kind.Name, project, key, get, set);
        return new KindWatchLoop<T>(kind, sink, access.GetClientAsync, timeProvider, logger, s_missingKindRetry).RunAsync(stoppingToken);
    }

    private void Listed() => Interlocked.Increment(ref _listed);

    private bool AllListed => Volatile.Read(ref _listed) >= 4;

    private sealed class Sink<T, TView>(ClusterObjectsWatch owner, string kind, Func<T, TView> project, Func<TView, string> key,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>> get,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>, ClusterObjects> set) : IKindSink<T>
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        private bool _listed;

        public void Replace(IEnumerable<T> items)
        {
            if (!_listed)
            {
                _listed = true;
                owner.Listed();
            }

            var fresh = LiveState.Keyed(items.Select(project), key);
            owner.Live.ReplaceObjects(kind, objects => set(objects, fresh) with { Synced = owner.AllListed });
        }

        public void Upsert(T item)
        {
            var view = project(item);
            owner.Live.ReplaceObjects(kind, objects => set(objects, get(objects).SetItem(key(view), view)));
        }

        public void Delete(T item)
        {
            var itemKey = string.IsNullOrEmpty(item.Namespace()) ? item.Name() : $"{item.Namespace()}/{item.Name()}";
            owner.Live.ReplaceObjects(kind, objects => get(objects).ContainsKey(itemKey) ? set(objects, get(objects).Remove(itemKey)) : objects);
        }
    }
}
