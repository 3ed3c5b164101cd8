using Multinet.Kube;
using System.Text.Json;
using k8s;
using k8s.Models;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// The agent's view of the cluster, filled by the list/watch loops: Networks, NADs, Pods, Nodes, Services and Calico
/// policies, kept as projected records. A change the planner reads pokes the <see cref="ReconcileTrigger"/>; every change
/// anyone reads moves <see cref="Version"/> (the controllers wait on it). <see cref="Snapshot"/> is built once per change.
/// </summary>
internal sealed class ClusterCache : IClusterViewSource
{
    private static readonly JsonSerializerOptions s_json = new();

    private readonly Lock _lock = new();
    private readonly ReconcileTrigger _trigger;
    private readonly KindStore<V3Network, V3Network> _networks = new(n => n, NetworkPlannerKey, (n, _) => n.ResourceVersion() ?? JsonSerializer.Serialize(n.Status, s_json));
    private readonly KindStore<V1NetworkAttachmentDefinition, ClusterNad> _nads = new(n => ClusterViewProjection.ToNad(n) with { LastManager = null }, NadPlannerKey, NoControllerKey);
    private readonly KindStore<V1Pod, ClusterPod> _pods = new(ClusterViewProjection.ToPod, PodPlannerKey, NoControllerKey);
    private readonly KindStore<V1Node, ClusterNode> _nodes = new(ClusterViewProjection.ToNode, n => $"{n.InternalIPv4}|{n.InternalIPv6}",
        (_, n) => $"{n.NetworkStateError}|{NodeNetworkStates.Serialize(n.NetworkStates)}");
    private readonly KindStore<V1Service, ClusterService> _services = new(s => ClusterViewProjection.ToService(s) with { LastManager = null }, s => JsonSerializer.Serialize(s, s_json), NoControllerKey);
    private readonly KindStore<CalicoNetworkPolicy, ClusterPolicy> _policies = new(p => ClusterViewProjection.ToPolicy(p) with { LastManager = null }, p => JsonSerializer.Serialize(p, s_json), NoControllerKey);
    private ClusterView? _snapshot;
    private long _version;
    private bool _changedEverything = true;
    private readonly HashSet<string> _changedNetworks = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClusterCache(ReconcileTrigger trigger)
    {
        _trigger = trigger;
        Networks = new Sink<V3Network, V3Network>(this, _networks);
        Nads = new Sink<V1NetworkAttachmentDefinition, ClusterNad>(this, _nads);
        Pods = new Sink<V1Pod, ClusterPod>(this, _pods);
        Nodes = new Sink<V1Node, ClusterNode>(this, _nodes);
        Services = new Sink<V1Service, ClusterService>(this, _services);
        Policies = new Sink<CalicoNetworkPolicy, ClusterPolicy>(this, _policies);
    }

    public IKindSink<V3Network> Networks { get; }

    public IKindSink<V1NetworkAttachmentDefinition> Nads { get; }

    public IKindSink<V1Pod> Pods { get; }

    public IKindSink<V1Node> Nodes { get; }

    public IKindSink<V1Service> Services { get; }

    public IKindSink<CalicoNetworkPolicy> Policies { get; }

    public bool IsSynced
    {
        get
        {
            lock (_lock)
            {
                return _networks.Synced && _nads.Synced && _pods.Synced && _nodes.Synced && _services.Synced && _policies.Synced;
            }
        }
    }

    /// <summary>Moves whenever something the planner or the controllers read changes.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public ClusterView Snapshot()
    {
        lock (_lock)
        {
            return _snapshot ??= ClusterViewProjection.Assemble(_networks.Records, _nads.Records, _pods.Records, _nodes.Records,
                _services.Records, _policies.Records);
        }
    }

    public (ClusterView View, PlannerChanges Changes) TakeSnapshot()
    {
        lock (_lock)
        {
            var changes = _changedEverything ? PlannerChanges.All
                : _changedNetworks.Count == 0 ? PlannerChanges.None
                : new PlannerChanges(false, [.. _changedNetworks]);
            _changedEverything = false;
            _changedNetworks.Clear();
            return (Snapshot(), changes);
        }
    }

    /// <summary>Completes once <see cref="Version"/> is past <paramref name="knownVersion"/>.</summary>
    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _version > knownVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <param name="change">Applies the change to its store and says who must hear of it.</param>
    /// <param name="network">The Network an upsert or delete of one Network touches; null for every other change.</param>
    private void Apply(Func<ChangeLevel> change, string? network = null)
    {
        TaskCompletionSource? changed = null;
        ChangeLevel level;
        lock (_lock)
        {
            level = change();
            if (level == ChangeLevel.Planner)
            {
                if (network is null)
                {
                    _changedEverything = true;
                }
                else
                {
                    _changedNetworks.Add(network);
                }
            }

            if (level != ChangeLevel.None)
            {
                _snapshot = null;
                _version++;
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (level == ChangeLevel.Planner)
        {
            _trigger.Request();
        }

        changed?.TrySetResult();
    }

    // The spec is versioned by metadata.generation; without one (some API servers), compare the spec itself.
    private static string NetworkPlannerKey(V3Network network) =>
        $"{network.Metadata?.Uid}|{network.Metadata?.DeletionTimestamp is not null}|"
        + (network.Metadata?.Generation is { } generation ? generation.ToString(System.Globalization.CultureInfo.InvariantCulture) : JsonSerializer.Serialize(network.Spec, s_json));

    // A ClusterPod is derived from these alone: equal keys mean equal records, so status churn is ignored.
    private static string PodPlannerKey(ClusterPod pod)
    {
        var key = new System.Text.StringBuilder();
        key.Append(pod.Uid).Append('|').Append(pod.NodeName).Append('|').Append(pod.Terminating);
        foreach (var (name, value) in pod.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            key.Append("|l:").Append(name).Append('=').Append(value);
        }

        foreach (var (name, value) in pod.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            key.Append("|a:").Append(name).Append('=').Append(value);
        }

        return key.ToString();
    }


    /// <summary>What the planner reads of a NAD. A record's text shows an array only by its type name, so the routes are spelled out.</summary>
    private static string NadPlannerKey(ClusterNad nad) => $"{nad}|{string.Join(';', nad.Routes)}";
    private static string NoControllerKey<TObject, TRecord>(TObject item, TRecord record) => "";

    private sealed class Sink<TObject, TRecord>(ClusterCache cache, KindStore<TObject, TRecord> store) : IKindSink<TObject>
        where TObject : class, IKubernetesObject<V1ObjectMeta>
    {
        public void Replace(IEnumerable<TObject> items)
        {
            var list = items.ToList();
            cache.Apply(() => store.Replace(list));
        }

        public void Upsert(TObject item) => cache.Apply(() => store.Upsert(item), NetworkName(item));

        public void Delete(TObject item) => cache.Apply(() => store.Delete(item), NetworkName(item));

        // One Network's change may be planned for that Network alone (the reconciler decides); any other kind's is broad.
        private static string? NetworkName(TObject item) => item is V3Network network ? network.Metadata?.Name ?? "" : null;
    }
}
