using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// Two agents for node-1 fed the same cluster edits: one reconciles each change scoped to the Networks it touches
/// (<see cref="NodeReconciler.ReconcileChangesAsync"/>), the other re-plans the whole node every time
/// (<see cref="NodeReconciler.ReconcileOnceAsync"/>). After every step both dataplanes must hold the same objects and
/// both agents report the same VRFs, tunnels and errors. The cluster: four nodes, pods with memifs and taps on node-1 and
/// elsewhere, a Service; the steps add Networks, stack one on another (physicalNetworkName), edit a VNI, delete Networks,
/// reuse a deleted Network's id, and change a Network while another is being applied.
/// </summary>
internal sealed class ScopedReconcileScenario(IDataplane scopedDataplane, IDataplane fullDataplane) : IDisposable
{
    private readonly ChangeTrackingViewSource _scopedSource = new(InitialView());
    private readonly ChangeTrackingViewSource _fullSource = new(InitialView());
    private readonly NodeStatusStore _scopedStore = new();
    private readonly NodeStatusStore _fullStore = new();
    private NodeReconciler? _scoped;
    private NodeReconciler? _full;

    public int ScopedPasses { get; private set; }

    private NodeReconciler Scoped => _scoped ??= Agent(scopedDataplane, _scopedSource, _scopedStore);

    private NodeReconciler Full => _full ??= Agent(fullDataplane, _fullSource, _fullStore);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StepAsync("initial full pass", _ => { }, expectScoped: false, cancellationToken);
        await StepAsync("add green (pods on node-1 and node-3 use it)", s => s.Upsert(Net("green", 77, "172.21.0.0/16")), true, cancellationToken);
        await StepAsync("add amber, carried over green", s => s.Upsert(Net("amber", 66, "172.22.0.0/16", physical: "green")), true, cancellationToken);
        await StepAsync("edit blue's VNI (its pods' interfaces move)", s => s.Upsert(Net("blue", 57, "172.19.0.0/16", generation: 2)), true, cancellationToken);
        await StepAsync("delete red (a local pod's interface goes)", s => s.Delete("red"), true, cancellationToken);
        await StepAsync("violet takes red's old id", s => s.Upsert(Net("violet", 88, "172.23.0.0/16")), true, cancellationToken);
        await StepAsync("delete green (amber loses its tunnels)", s => s.Delete("green"), true, cancellationToken);
        await StepAsync("two Networks in one change", s =>
        {
            s.Upsert(Net("green", 77, "172.21.0.0/16", generation: 3));
            s.Upsert(Net("teal", 99, "172.24.0.0/16"));
        }, true, cancellationToken);
        await StepAsync("a node joins (broad change)", s => s.Edit(v => v with { Nodes = [.. v.Nodes, new ClusterNode("node-5", "192.168.0.5", null)] }), false, cancellationToken);

        // A change that lands while the scoped agent is applying another: its pass uses the snapshot it took, the next one
        // picks the change up.
        _fullSource.Upsert(Net("cyan", 111, "172.25.0.0/16"));
        _fullSource.Upsert(Net("amber", 67, "172.22.0.0/16", generation: 2, physical: "green"));
        _scopedSource.Upsert(Net("cyan", 111, "172.25.0.0/16"));
        _scopedSource.AfterSnapshot = () => _scopedSource.Upsert(Net("amber", 67, "172.22.0.0/16", generation: 2, physical: "green"));
        await Scoped.ReconcileChangesAsync(cancellationToken);
        Assert.True(Scoped.LastPassScoped, "cyan's pass was not scoped");
        Assert.DoesNotContain(_scopedStore.Current.Vrfs, v => v.Network == "amber" && v.TableId == 67);
        await StepAsync("amber changed during cyan's pass", _ => { }, true, cancellationToken);

        Assert.Empty(await Scoped.ReconcileOnceAsync(cancellationToken)); // a full pass finds the scoped agent's node in sync
        Assert.True(ScopedPasses >= 8, $"only {ScopedPasses} passes were scoped");
    }

    public void Dispose()
    {
        _scoped?.Dispose();
        _full?.Dispose();
    }

    private async Task StepAsync(string name, Action<ChangeTrackingViewSource> edit, bool expectScoped, CancellationToken cancellationToken)
    {
        edit(_scopedSource);
        edit(_fullSource);
        await Scoped.ReconcileChangesAsync(cancellationToken);
        Assert.True(Scoped.LastPassScoped == expectScoped, $"{name}: scoped {Scoped.LastPassScoped}, expected {expectScoped}");
        ScopedPasses += Scoped.LastPassScoped ? 1 : 0;
        await Full.ReconcileOnceAsync(cancellationToken);

        Assert.Equal(Shape(await fullDataplane.DumpAsync(cancellationToken)), Shape(await scopedDataplane.DumpAsync(cancellationToken)));
        Assert.Equal(Shape(_fullStore.Current.Inventory), Shape(_scopedStore.Current.Inventory));
        Assert.NotEmpty(_scopedStore.Current.Inventory.Tunnels);
    }

    private static NodeReconciler Agent(IDataplane dataplane, ChangeTrackingViewSource source, NodeStatusStore store) =>
        new(dataplane, source, new ReconcileTrigger(), store, Options.Create(new AgentOptions { NodeName = "node-1" }),
            new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)), NullLogger<NodeReconciler>.Instance);

    private static V3Network Net(string name, long vni, string range, long generation = 1, string? physical = null)
    {
        var network = TestNetworks.Make(name, vni, range, generation);
        network.Spec!.PhysicalNetworkName = physical;
        return network;
    }

    private static ClusterView InitialView()
    {
        static ClusterPod Pod(string name, string node, string nad, string iface, string ip) => new("default", name, node)
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add("app", name.Split('-')[0]),
            Attachments = [new PodAttachment("default", nad, iface, [ip + "/16"], null)],
        };

        static ClusterNad Nad(string network) => new("default", network + "-net", network, "calico", "whereabouts", null);

        return new ClusterView
        {
            Networks = [Net("blue", 56, "172.19.0.0/16"), Net("red", 88, "172.20.0.0/16")],
            Nads = [Nad("blue"), Nad("red"), Nad("green"), Nad("amber"), Nad("teal")],
            Nodes = [.. Enumerable.Range(1, 4).Select(i => new ClusterNode($"node-{i}", $"192.168.0.{i}", null))],
            Pods =
            [
                Pod("web", "node-1", "blue-net", "memif1", "172.19.0.5"),
                Pod("db", "node-1", "red-net", "eth1", "172.20.0.6"),
                Pod("web-2", "node-2", "blue-net", "memif1", "172.19.0.9"),
                Pod("g-1", "node-1", "green-net", "eth2", "172.21.0.5"),
                Pod("g-3", "node-3", "green-net", "eth1", "172.21.0.7"),
                Pod("a-4", "node-4", "amber-net", "eth1", "172.22.0.8"),
                Pod("t-1", "node-1", "teal-net", "memif2", "172.24.0.4"),
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

    /// <summary>What the dataplane holds, without what depends on the order objects were made in (indexes, counters), sorted.</summary>
    private static List<string> Shape(DataplaneState state) => [.. ShapeOf(state).Order(StringComparer.Ordinal)];

    private static List<string> ShapeOf(DataplaneState state) =>
    [
        .. state.Tables.Select(t => $"table {t.TableId} {(t.IsIpv6 ? "ip6" : "ip4")} {t.Name}"),
        .. state.Tunnels.Select(t => $"tunnel {t.Spec.Key} decap {t.Spec.TableId} encap {t.Spec.EncapTableId} up {t.Up}"),
        .. state.Interfaces.Select(i => $"interface {i.Spec.Tag} {i.Spec.Kind} table {i.Spec.TableId} {i.Spec.MemifSocket} up {i.AdminUp}"),
        .. state.Routes.Select(r => $"route {r.Key} via {r.ViaInterfaceTag}{r.ViaTunnelKey} gw {r.Gateway}"),
        .. state.Services.Select(s => $"service {s.Vip}:{s.Port}/{s.Protocol} table {s.TableId} -> {string.Join(';', s.Backends.Order(StringComparer.Ordinal))}"),
        .. state.Policies.Select(p => $"policy {p.InterfaceTag} {p.Network}"),
    ];

    private static List<string> Shape(NodeInventory inventory) =>
    [
        .. inventory.Vrfs.Select(v => $"vrf {v.Network} {v.TableId} {v.State} {v.Error}"),
        .. inventory.Tunnels.Select(t => $"tunnel {t.Key} {t.Vni} {t.Src}>{t.Dst} encap {t.EncapTableId} up {t.Up} {t.Error}"),
        .. inventory.Memifs.Select(m => $"memif {m.Key} {m.Network} {m.Error}"),
        .. inventory.Taps.Select(t => $"tap {t.Key} {t.Network} {t.Error}"),
        .. inventory.Routes.Select(r => $"route {r.Key}"),
        .. inventory.Services.Select(s => $"service {s.Key}"),
        .. inventory.Errors.Select(e => $"error {e.Key} {e.Message}"),
    ];
}
