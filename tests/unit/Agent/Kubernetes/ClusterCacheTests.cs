using k8s.Models;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Kubernetes;

public sealed class ClusterCacheTests
{
    private readonly ReconcileTrigger _trigger = new();
    private readonly ClusterCache _cache;

    public ClusterCacheTests()
    {
        _cache = new ClusterCache(_trigger);
        _cache.Networks.Replace([TestNetworks.Blue()]);
        _cache.Nads.Replace([]);
        _cache.Pods.Replace([Pod("web-1", "node-1", "Pending")]);
        _cache.Nodes.Replace([Node("node-1", "10.0.0.1", "True")]);
        _cache.Services.Replace([]);
        _cache.Policies.Replace([]);
        _trigger.TryConsume();
    }

    private static V1Pod Pod(string name, string? node, string phase, string? app = "web") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = app is null ? null : new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec { NodeName = node },
        Status = new V1PodStatus { Phase = phase },
    };

    private static V1Node Node(string name, string ip, string ready, string? networkState = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Annotations = networkState is null ? null : new Dictionary<string, string> { [CniConstants.NodeNetworkStateAnnotation] = networkState },
        },
        Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = ip }],
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready }],
        },
    };

    [Fact]
    public void Sync_EveryKindListedOnce_IsSynced()
    {
        var cache = new ClusterCache(_trigger);
        cache.Networks.Replace([]);
        cache.Nads.Replace([]);
        cache.Pods.Replace([]);
        cache.Nodes.Replace([]);
        cache.Services.Replace([]);
        Assert.False(cache.IsSynced);

        cache.Policies.Replace([]);

        Assert.True(cache.IsSynced);
    }

    [Fact]
    public void Upsert_PodStatusChurn_NeitherTriggersNorMovesTheVersion()
    {
        var version = _cache.Version;
        var before = _cache.Snapshot();

        _cache.Pods.Upsert(Pod("web-1", "node-1", "Running"));

        Assert.False(_trigger.TryConsume());
        Assert.Equal(version, _cache.Version);
        Assert.Same(before, _cache.Snapshot());
    }

    [Fact]
    public void Upsert_PodLabelsOrNode_TriggersAndRebuildsTheView()
    {
        _cache.Pods.Upsert(Pod("web-1", "node-1", "Running", app: "db"));
        Assert.True(_trigger.TryConsume());
        Assert.Equal("db", _cache.Snapshot().Pods.Single().Labels["app"]);

        _cache.Pods.Upsert(Pod("web-1", "node-2", "Running", app: "db"));
        Assert.True(_trigger.TryConsume());
        Assert.Equal("node-2", _cache.Snapshot().Pods.Single().NodeName);
    }

    [Fact]
    public void Upsert_NodeHeartbeat_IsIgnoredButNetworkStateReachesTheControllersOnly()
    {
        var version = _cache.Version;
        _cache.Nodes.Upsert(Node("node-1", "10.0.0.1", "False"));
        Assert.Equal(version, _cache.Version);

        _cache.Nodes.Upsert(Node("node-1", "10.0.0.1", "False", """{"blue":{"generation":1,"state":"Applied"}}"""));

        Assert.False(_trigger.TryConsume());
        Assert.True(_cache.Version > version);
        Assert.Equal("Applied", _cache.Snapshot().Nodes.Single().NetworkStates["blue"].State);
    }

    [Fact]
    public void Upsert_NodeAddressChange_Triggers()
    {
        _cache.Nodes.Upsert(Node("node-1", "10.0.0.9", "True"));

        Assert.True(_trigger.TryConsume());
        Assert.Equal("10.0.0.9", _cache.Snapshot().Nodes.Single().InternalIPv4);
    }

    [Fact]
    public void Upsert_NetworkStatusOnly_ReachesTheControllersWithoutAReconcile()
    {
        var version = _cache.Version;
        var withStatus = TestNetworks.Blue();
        withStatus.Metadata.ResourceVersion = "99";
        withStatus.Status = new NetworkStatus { NodesReady = 1, NodesTotal = 1 };

        _cache.Networks.Upsert(withStatus);

        Assert.False(_trigger.TryConsume());
        Assert.True(_cache.Version > version);
        Assert.Equal(1, _cache.Snapshot().Networks.Single().Status?.NodesReady);

        _cache.Networks.Upsert(TestNetworks.Blue(vni: 57, generation: 2));
        Assert.True(_trigger.TryConsume());
    }

    [Fact]
    public void Upsert_NadRewrittenByAnotherManagerWithTheSameConfig_DoesNotTrigger()
    {
        _cache.Nads.Upsert(Nad("kubectl-client-side-apply"));
        Assert.True(_trigger.TryConsume());

        _cache.Nads.Upsert(Nad("multinet-console"));

        Assert.False(_trigger.TryConsume());
        Assert.Null(_cache.Snapshot().Nads.Single().LastManager);
    }

    [Fact]
    public void Upsert_NadRoutesChange_TriggersAndTheViewHasTheNewRoutes()
    {
        _cache.Nads.Upsert(Nad("kubectl", ""","ipam":{"type":"calico-ipam","routes":[{"dst":"10.50.0.0/24","gw":"10.10.0.11"}]}"""));
        Assert.True(_trigger.TryConsume());

        _cache.Nads.Upsert(Nad("kubectl", ""","ipam":{"type":"calico-ipam","routes":[{"dst":"10.60.0.0/24","gw":"10.10.0.11"}]}"""));
        Assert.True(_trigger.TryConsume());
        Assert.Equal("10.60.0.0/24", Assert.Single(_cache.Snapshot().Nads.Single().Routes).Dst.ToString());

        _cache.Nads.Upsert(Nad("kubectl", ""","ipam":{"type":"calico-ipam"}"""));
        Assert.True(_trigger.TryConsume());
        Assert.Empty(_cache.Snapshot().Nads.Single().Routes);
    }

    private static V1NetworkAttachmentDefinition Nad(string manager, string ipam = "") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "network-blue-conf",
            NamespaceProperty = "default",
            ManagedFields = [new V1ManagedFieldsEntry { Manager = manager, Operation = "Update", Time = DateTime.UtcNow }],
        },
        Spec = new NetworkAttachmentDefinitionSpec { Config = $$"""{"cniVersion":"0.3.1","type":"calico","dataplane_options":{"network_name":"blue"}{{ipam}}}""" },
    };

    [Fact]
    public void Upsert_NetworkWithoutGeneration_ComparesTheSpec()
    {
        _cache.Networks.Replace([V3Network.Create("blue", 56, "172.19.0.0/16")]);
        _trigger.TryConsume();

        _cache.Networks.Upsert(V3Network.Create("blue", 56, "172.19.0.0/16"));
        Assert.False(_trigger.TryConsume());

        _cache.Networks.Upsert(V3Network.Create("blue", 56, "172.29.0.0/16"));
        Assert.True(_trigger.TryConsume());
        Assert.Equal("172.29.0.0/16", _cache.Snapshot().Networks.Single().Spec.Range);
    }

    [Fact]
    public void ReplaceNetworks_FirstListIsNews_VanishedAreDropped_AndOnlyAChangeTriggers()
    {
        var cache = new ClusterCache(_trigger);
        _trigger.TryConsume();

        cache.Networks.Replace([]);
        Assert.True(_trigger.TryConsume()); // the first list is always news: the view goes from unknown to known

        cache.Networks.Replace([TestNetworks.Blue(), TestNetworks.Red()]);
        Assert.True(_trigger.TryConsume());
        cache.Networks.Replace([TestNetworks.Red(), TestNetworks.Blue()]);
        Assert.False(_trigger.TryConsume());
        cache.Networks.Replace([TestNetworks.Blue()]);
        Assert.True(_trigger.TryConsume());

        Assert.Equal(["blue"], cache.Snapshot().Networks.Select(n => n.Metadata.Name));
    }

    [Fact]
    public async Task WaitForChange_CompletesOnTheNextChange()
    {
        var wait = _cache.WaitForChangeAsync(_cache.Version, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);

        _cache.Pods.Delete(Pod("web-1", "node-1", "Running"));

        await wait;
        Assert.Empty(_cache.Snapshot().Pods);
    }
}
