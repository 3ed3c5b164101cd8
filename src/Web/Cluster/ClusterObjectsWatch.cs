using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Multinet.Kube;
using Multinet.Shared.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Cluster;

/// <summary>
/// The console's one watch on NADs, pods, services, Calico policies and KubeVirt's VMIs and VMs (Networks have <see cref="NetworkWatchCache"/>, which also tells whether the API answers):
/// the same list/watch loop as the agent's, each kind parsed once into <see cref="LiveState"/>, with the version of each
/// NAD, service and policy for the YAML editor. No page watches.
/// </summary>
internal sealed class ClusterObjectsWatch(ClusterAccess access, LiveState live, TimeProvider timeProvider, ILogger<ClusterObjectsWatch> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_missingKindRetry = TimeSpan.FromMinutes(1);
    private int _listed;

    private LiveState Live => live;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        Run(WatchedKinds.Nads, ClusterViewProjection.ToNad, n => n.Key, o => o.Nads, (o, d) => o with { Nads = d }, stamped: true, stoppingToken),
        Run(WatchedKinds.Pods, ClusterViewProjection.ToPod, p => p.Key, o => o.Pods, (o, d) => o with { Pods = d }, stamped: false, stoppingToken),
        Run(WatchedKinds.Services, ClusterViewProjection.ToService, s => s.Key, o => o.Services, (o, d) => o with { Services = d }, stamped: true, stoppingToken),
        Run(WatchedKinds.Policies, ClusterViewProjection.ToPolicy, p => p.Key, o => o.Policies, (o, d) => o with { Policies = d }, stamped: true, stoppingToken),
        Run(KubeVirtKinds.Vmis(KubeVirtServed), VmProjection.ToVmi, v => v.Key, o => o.Vmis, (o, d) => o with { Vmis = d }, stamped: true, stoppingToken),
        Run(KubeVirtKinds.Vms(KubeVirtServed), VmProjection.ToVm, v => v.Key, o => o.Vms, (o, d) => o with { Vms = d }, stamped: true, stoppingToken));

    /// <summary>Whether the last list of a KubeVirt kind found it served (false: 404, KubeVirt is not installed).</summary>
    private void KubeVirtServed(bool served)
    {
        var availability = served ? KubeVirtAvailability.Served : KubeVirtAvailability.Absent;
        live.ReplaceObjects("KubeVirt", objects => objects.KubeVirt == availability ? objects : objects with { KubeVirt = availability });
    }

    /// <summary>The key of an object in <see cref="ClusterObjects"/>: <c>namespace/name</c>, or the name of a cluster-scoped one.</summary>
    internal static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    private Task Run<T, TView>(WatchedKind<T> kind, Func<T, TView> project, Func<TView, string> key,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>> get,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>, ClusterObjects> set, bool stamped, CancellationToken stoppingToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var sink = new Sink<T, TView>(this, kind.Name, project, key, get, set, stamped);
        return new KindWatchLoop<T>(kind, sink, access.GetClientAsync, timeProvider, logger, s_missingKindRetry).RunAsync(stoppingToken);
    }

    private void Listed() => Interlocked.Increment(ref _listed);

    private bool AllListed => Volatile.Read(ref _listed) >= 6;

    private sealed class Sink<T, TView>(ClusterObjectsWatch owner, string kind, Func<T, TView> project, Func<TView, string> key,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>> get,
        Func<ClusterObjects, ImmutableSortedDictionary<string, TView>, ClusterObjects> set, bool stamped) : IKindSink<T>
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

            var list = items as IReadOnlyCollection<T> ?? [.. items];
            var fresh = LiveState.Keyed(list.Select(project), key);
            var stamps = stamped ? list.ToImmutableSortedDictionary(ItemKey, i => ObjectStamp.Of(i.Metadata), StringComparer.Ordinal) : null;
            owner.Live.ReplaceObjects(kind, objects => WithStamps(set(objects, fresh), _ => stamps) with { Synced = owner.AllListed });
        }

        public void Upsert(T item)
        {
            var view = project(item);
            var stamp = ObjectStamp.Of(item.Metadata);
            owner.Live.ReplaceObjects(kind, objects => WithStamps(set(objects, get(objects).SetItem(key(view), view)), s => s?.SetItem(ItemKey(item), stamp)));
        }

        public void Delete(T item)
        {
            var itemKey = ItemKey(item);
            owner.Live.ReplaceObjects(kind, objects => get(objects).ContainsKey(itemKey) || objects.StampOf(kind, itemKey) is not null
                ? WithStamps(set(objects, get(objects).Remove(itemKey)), s => s?.Remove(itemKey))
                : objects);
        }

        private static string ItemKey(T item) => KeyOf(item.Namespace(), item.Name());

        /// <summary>Updates this kind's versions (after its first list only: before it, an absent object proves nothing).</summary>
        private ClusterObjects WithStamps(ClusterObjects objects,
            Func<ImmutableSortedDictionary<string, ObjectStamp>?, ImmutableSortedDictionary<string, ObjectStamp>?> update)
        {
            if (!stamped || update(objects.Stamps.GetValueOrDefault(kind)) is not { } next)
            {
                return objects;
            }

            return objects with { Stamps = objects.Stamps.SetItem(kind, next) };
        }
    }
}
