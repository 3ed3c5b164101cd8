using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// The reconciler driving <see cref="VppDataplane"/> on a node with pods, memifs, taps, tunnels and services: what an agent
/// restart, a lost last backend and a range edit cost, against the fake VPP.
/// </summary>
public sealed class VppDataplaneRestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ClusterView View(bool webLabelled = true, string blueRange = "172.19.0.0/16", string webAddress = "172.19.0.5")
    {
        ClusterPod Pod(string name, string node, string nad, string iface, string ip, bool web) => new("default", name, node)
        {
            Labels = web ? ImmutableDictionary<string, string>.Empty.Add("app", "web") : ImmutableDictionary<string, string>.Empty,
            Annotations = ImmutableDictionary<string, string>.Empty.Add(Planner.MemifQueuesAnnotation, "memif1=2"),
            Attachments = [new PodAttachment("default", nad, iface, [ip + "/16"], null)],
        };

        return new ClusterView
        {
            Networks = [TestNetworks.Make("blue", 56, blueRange), TestNetworks.Red()],
            Nads = [new ClusterNad("default", "blue-net", "blue", "calico", "whereabouts", null), new ClusterNad("default", "red-net", "red", "calico", "whereabouts", null)],
            Nodes = [new ClusterNode("node-1", "192.168.0.1", null), new ClusterNode("node-2", "192.168.0.2", null)],
            Pods =
            [
                Pod("web", "node-1", "blue-net", "memif1", webAddress, webLabelled),
                Pod("db", "node-1", "red-net", "eth1", "172.20.0.6", false),
                Pod("web-2", "node-2", "blue-net", "memif1", "172.19.0.9", webLabelled),
            ],
            Services =
            [
                new ClusterService("default", "web", "blue")
                {
                    Selector = ImmutableDictionary<string, string>.Empty.Add("app", "web"),
                    ClusterIps = ["10.96.0.10"],
                    Ports = [new ClusterServicePort("http", "TCP", 80, 8080)],
                },
            ],
        };
    }

    private static (NodeReconciler Reconciler, ViewSource Source, NodeStatusStore Store) Agent(VppDataplane dataplane, ClusterView view)
    {
        var source = new ViewSource { View = view };
        var store = new NodeStatusStore();
        return (new NodeReconciler(dataplane, source, new ReconcileTrigger(), store, Options.Create(new AgentOptions { NodeName = "node-1" }),
            new FakeTimeProvider(), NullLogger<NodeReconciler>.Instance), source, store);
    }

    private static VppDataplane Connect(FakeVppServer vpp) => new(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);

    [Fact]
    public async Task AgentRestart_OnAnInSyncNodeWithPodsMemifsAndServices_IssuesNoOperation()
    {
        await using var vpp = new FakeVppServer();
        await using (var first = Connect(vpp))
        {
            var (reconciler, _, store) = Agent(first, View());
            using var _1 = reconciler;
            Assert.NotEmpty(await reconciler.ReconcileOnceAsync(Token));
            Assert.Empty(store.Current.Inventory.Errors);
        }

        var interfaces = vpp.Interfaces.Select(i => (i.SwIfIndex, i.Tag)).ToList();
        var requests = vpp.Received.Count;
        await using var restarted = Connect(vpp);
        var (again, _, againStore) = Agent(restarted, View());
        using var _2 = again;

        var ops = await again.ReconcileOnceAsync(Token);

        Assert.Empty(ops);
        Assert.Equal(interfaces, vpp.Interfaces.Select(i => (i.SwIfIndex, i.Tag)));
        Assert.DoesNotContain(vpp.Received.Skip(requests), n => n.EndsWith("_add_del", StringComparison.Ordinal) || n.StartsWith("memif_create", StringComparison.Ordinal)
            || n.StartsWith("cnat_translation_update", StringComparison.Ordinal));
        var memif = Assert.Single(againStore.Current.Inventory.Memifs);
        Assert.Equal(("172.19.0.5/32", 2), (memif.Address, memif.RxQueues));
        var service = Assert.Single(againStore.Current.Inventory.Services);
        Assert.Equal("default/web", $"{service.Namespace}/{service.Name}");
        Assert.Equal(["172.19.0.5:8080", "172.19.0.9:8080"], service.Backends);
    }

    [Fact]
    public async Task ServiceLosingItsLastBackend_IsDeletedNotSentEmpty_AndShowsNoEndpoints()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var (reconciler, source, store) = Agent(dataplane, View());
        using var _ = reconciler;
        await reconciler.ReconcileOnceAsync(Token);
        Assert.Single(vpp.Translations);

        source.View = View(webLabelled: false);
        var ops = await reconciler.ReconcileOnceAsync(Token);
        var again = await reconciler.ReconcileOnceAsync(Token);

        Assert.Equal([typeof(DataplaneOperation.DeleteServiceEntry)], ops.Select(o => o.GetType()));
        Assert.Empty(again);
        Assert.False(vpp.Crashed);
        Assert.Empty(vpp.Translations);
        var shown = Assert.Single(store.Current.Inventory.Services);
        Assert.Equal(("web", true), (shown.Name, shown.Backends.IsEmpty));
    }

    [Fact]
    public async Task PodAddressEdit_ReplacesOnlyTheRoutesAndServiceBackends_NotTheMemif()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var (reconciler, source, _) = Agent(dataplane, View());
        using var _1 = reconciler;
        await reconciler.ReconcileOnceAsync(Token);
        var memif = vpp.Interfaces.Single(i => i.Memif is not null).SwIfIndex;

        source.View = View(webAddress: "172.19.0.50");
        var ops = await reconciler.ReconcileOnceAsync(Token);

        Assert.Equal(memif, vpp.Interfaces.Single(i => i.Memif is not null).SwIfIndex);
        Assert.All(ops, o => Assert.True(o is DataplaneOperation.AddRoute or DataplaneOperation.DeleteRoute or DataplaneOperation.AddServiceEntry, o.Describe()));
        Assert.Contains(vpp.RoutePaths, r => r.Prefix.ToString() == "172.19.0.50/32" && r.SwIfIndex == memif);
    }

    private sealed class ViewSource : IClusterViewSource
    {
        public required ClusterView View { get; set; }

        public bool IsSynced => true;

        public ClusterView Snapshot() => View;
    }
}
