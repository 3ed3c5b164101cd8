using k8s.Models;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.Agent.Controllers;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Agent;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;
using Multinet.UnitTests.KubeApi;

namespace Multinet.UnitTests.Agent.Controllers;

public sealed class NetworkStatusControllerTests(EmbeddedApi api) : IClassFixture<EmbeddedApi>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> CreateNetworkAsync()
    {
        var name = KubeApiServer.UniqueName("net");
        await api.Client.CustomObjects.CreateClusterCustomObjectAsync(V3Network.Create(name, KubeApiServer.NextVni(), "172.19.0.0/16"),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: Token);
        return name;
    }

    private async Task<string> CreateNodeAsync(string? networkState)
    {
        var name = KubeApiServer.UniqueName("node");
        await api.Client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = networkState is null ? null : new Dictionary<string, string> { [CniConstants.NodeNetworkStateAnnotation] = networkState },
            },
        }, cancellationToken: Token);
        return name;
    }

    private async Task<V3Network> ReadNetworkAsync(string name) =>
        await api.Client.CustomObjects.GetClusterCustomObjectAsync<V3Network>(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, name, cancellationToken: Token);

    private async Task<ClusterView> ViewAsync(string network, params string[] nodes)
    {
        var read = new List<V1Node>();
        foreach (var node in nodes)
        {
            read.Add(await api.Client.CoreV1.ReadNodeAsync(node, cancellationToken: Token));
        }

        return ClusterViewProjection.Build([await ReadNetworkAsync(network)], [], [], read, [], []);
    }

    [Fact]
    public async Task Sync_AggregatesTheNodesStatesIntoTheStatusSubresource_OnlyWhenItChanged()
    {
        var blue = await CreateNetworkAsync();
        var applied = await CreateNodeAsync($$$"""{"{{{blue}}}":{"generation":1,"state":"Applied"}}""");
        var failed = await CreateNodeAsync($$$"""{"{{{blue}}}":{"generation":1,"state":"Error","error":"memif_create: -2"}}""");
        var controller = new NetworkStatusController(api.Clients(), TimeProvider.System, NullLogger<NetworkStatusController>.Instance);

        await controller.SyncAsync(await ViewAsync(blue, applied, failed), resync: true, Token);

        var network = await ReadNetworkAsync(blue);
        var status = network.Status!;
        Assert.Equal((1L, 1, 2), (status.ObservedGeneration, status.NodesReady, status.NodesTotal));
        Assert.Equal((failed, "memif_create: -2"), (status.NodeErrors!.Single().Node, status.NodeErrors!.Single().Message));
        Assert.Equal("False", status.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", status.Conditions!.Single(c => c.Type == "Degraded").Status);

        await new NetworkStatusController(api.Clients(), TimeProvider.System, NullLogger<NetworkStatusController>.Instance)
            .SyncAsync(await ViewAsync(blue, applied, failed), resync: true, Token);

        Assert.Equal(network.Metadata.ResourceVersion, (await ReadNetworkAsync(blue)).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Agent_PublishesItsNodeState_AndTheLeaderWritesTheNetworkReady()
    {
        var blue = await CreateNetworkAsync();
        var nodeName = await CreateNodeAsync(null);
        var options = Options.Create(new AgentOptions { NodeName = nodeName, Kubeconfig = api.Info.KubeconfigPath, ResyncInterval = TimeSpan.FromMinutes(5) });
        using var clients = new KubernetesClientProvider(options);
        var cache = new ClusterCache(new ReconcileTrigger());
        var store = new NodeStatusStore();
        store.Publish([new VrfStatus(blue, 1, VrfState.Applied, null, 1, DateTime.UtcNow)]);
        using var watcher = new ClusterWatcher(clients, cache, options, TimeProvider.System, NullLogger<ClusterWatcher>.Instance);
        using var publisher = new NodeNetworkStatePublisher(clients, store, cache, options, TimeProvider.System, NullLogger<NodeNetworkStatePublisher>.Instance);
        IClusterController[] controllers = [new NetworkStatusController(clients, TimeProvider.System, NullLogger<NetworkStatusController>.Instance)];
        using var leader = new ClusterControllers(clients, cache, controllers, options, TimeProvider.System, NullLoggerFactory.Instance);

        await watcher.StartAsync(Token);
        await publisher.StartAsync(Token);
        await leader.StartAsync(Token);
        NetworkStatus? status = null;
        for (var version = cache.Version; status?.NodesReady is not 1; version = cache.Version)
        {
            await cache.WaitForChangeAsync(version, Token).WaitAsync(TimeSpan.FromSeconds(120), Token); // a ceiling reached only on failure
            status = cache.Snapshot().Networks.FirstOrDefault(n => n.Metadata.Name == blue)?.Status;
        }

        await leader.StopAsync(Token);
        await publisher.StopAsync(Token);
        await watcher.StopAsync(Token);

        var node = await api.Client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: Token);
        Assert.Equal("Applied", NodeNetworkStates.Parse(node.Metadata.Annotations[CniConstants.NodeNetworkStateAnnotation]).States[blue].State);
        Assert.True(status.NodesTotal >= 1);
        var lease = await api.Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseElectorSettings.ControllersLeaseName, "kube-system", cancellationToken: Token);
        Assert.Equal("", lease.Spec.HolderIdentity); // released on stop: emptied, as client-go releases a Lease
    }
}
