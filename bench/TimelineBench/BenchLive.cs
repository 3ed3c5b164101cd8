using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.TimelineBench;

/// <summary>
/// A synthetic cluster in the console's live state: <c>networks</c> Networks (net-i, vni 1000+i) with a NAD each, all
/// on 10.0.0.0/8 (isolated Networks may overlap, so a NAD can move to another Network without re-addressing its pods);
/// <c>nodes</c> connected nodes with <c>podsPerNode</c> pods each (every pod on one Network through a tap, every fifth
/// also on the next through a memif; ten consecutive pods share an app label, so an app lives on a tenth of the nodes);
/// a network-aware Service per app (the first <c>services</c> apps) and <c>policies</c> policies each selecting one app
/// on one Network. Every node reports the inventory its plan intends.
/// </summary>
internal sealed class BenchLive
{
    public const string Namespace = "bench";

    public BenchLive(int nodes, int networks, int podsPerNode, int services, int policies)
    {
        Clock = new BenchClock();
        Live = new LiveState(Clock);
        for (var i = 0; i < networks; i++)
        {
            Live.UpsertNetwork(Network(i, 1000 + i, 1));
        }

        var pods = new List<ClusterPod>();
        for (var n = 0; n < nodes; n++)
        {
            for (var p = 0; p < podsPerNode; p++)
            {
                var g = (n * podsPerNode) + p;
                var first = g % networks;
                var second = (g + 1) % networks;
                PodAttachment[] attachments = g % 5 == 0
                    ? [new(Namespace, NadName(first), "eth1", [Address(first, g)], null), new(Namespace, NadName(second), "memif1", [Address(second, g)], null)]
                    : [new(Namespace, NadName(first), "eth1", [Address(first, g)], null)];
                pods.Add(new ClusterPod(Namespace, $"pod-{g:D5}", NodeName(n))
                {
                    Labels = ImmutableDictionary<string, string>.Empty.Add("app", App(g / 10 % 100)).Add("tier", g % 2 == 0 ? "front" : "back"),
                    Attachments = [.. attachments],
                });
            }
        }

        Objects = new ClusterObjects
        {
            Synced = true,
            Nads = LiveState.Keyed(Enumerable.Range(0, networks).Select(i => Nad(i, NetworkName(i))), n => n.Key),
            Pods = LiveState.Keyed(pods, p => p.Key),
            Services = LiveState.Keyed(Enumerable.Range(0, services).Select(i => Service(i, 80)), s => s.Key),
            Policies = LiveState.Keyed(Enumerable.Range(0, policies).Select(i => Policy(i, networks, extraRules: 0)), p => p.Key),
        };
        Live.ReplaceObjects("bench", _ => Objects);
        NodeNames = [.. Enumerable.Range(0, nodes).Select(NodeName)];
    }

    public BenchClock Clock { get; }

    public LiveState Live { get; }

    public ClusterObjects Objects { get; set; }

    public ImmutableArray<string> NodeNames { get; }

    /// <summary>Connects every node with the inventory its full plan intends.</summary>
    public void ConnectNodes()
    {
        var view = LiveState.ViewOf(Live.Current);
        foreach (var node in NodeNames)
        {
            Live.NodeConnected(node, "Simulated", "bench");
            Live.NodeSnapshot(node, InventoryOf(Planner.Plan(node, view)));
        }
    }

    /// <summary>What an agent that applied the plan reports.</summary>
    public static NodeInventory InventoryOf(NodePlan plan) => new()
    {
        Vrfs = [.. plan.Vrfs.Select(v => new VrfStatus(v.Network, v.TableId, VrfState.Applied, null, v.Generation, null)).OrderBy(v => v.Key, StringComparer.Ordinal)],
        Taps = [.. plan.Interfaces.Where(i => i.Kind == PodInterfaceKind.Tap).Select(i => new TapStatus(i.Namespace, i.Pod, i.Interface, i.Network, i.Address))
            .OrderBy(t => t.Key, StringComparer.Ordinal)],
        Memifs = [.. plan.Interfaces.Where(i => i.Kind == PodInterfaceKind.Memif)
            .Select(i => new MemifStatus(i.Namespace, i.Pod, i.Interface, i.Network, i.MemifSocket ?? "", "master", "ethernet")).OrderBy(m => m.Key, StringComparer.Ordinal)],
        Services = [.. plan.Services.Select(s => new ServiceEntryStatus(s.Namespace, s.Name, s.Network, s.Vip, s.Port, s.Protocol) { Backends = s.Backends })],
        Policies = [.. plan.Policies.Select(b => new PolicyBindingStatus(b.Namespace, b.Pod, b.Interface, b.Network) { Policies = b.Policies, RuleCount = b.Rules.Length })
            .OrderBy(b => b.Key, StringComparer.Ordinal)],
        LastApply = new ApplyStats(DateTime.UnixEpoch, 1, 1, 0),
    };

    public static string NodeName(int i) => $"node-{i:D3}";

    public static string NetworkName(int i) => $"net-{i}";

    public static string NadName(int i) => $"{NetworkName(i)}-conf";

    public static V3Network Network(int i, long vni, long generation)
    {
        var network = V3Network.Create(NetworkName(i), vni, "10.0.0.0/8");
        network.Metadata.Generation = generation;
        network.Metadata.ResourceVersion = $"{i}-{generation}";
        network.Metadata.CreationTimestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i);
        return network;
    }

    public static ClusterNad Nad(int i, string network) => new(Namespace, NadName(i), network, "calico", "whereabouts", null);

    public static ClusterService Service(int i, int port) => new(Namespace, $"svc-{i:D2}", NetworkName(i % 10))
    {
        Selector = ImmutableDictionary<string, string>.Empty.Add("app", App(i)),
        ClusterIps = [$"10.96.0.{i + 1}"],
        Ports = [new ClusterServicePort("http", "TCP", port, 8080)],
    };

    /// <summary>Policy i selects app 5i on Network i mod networks: an ingress rule there, and <paramref name="extraRules"/> egress rules.</summary>
    public static ClusterPolicy Policy(int i, int networks, int extraRules) => new(Namespace, $"policy-{i:D2}", $"app == '{App(i * 5 % 100)}'")
    {
        Ingress = [new ClusterPolicyRule("Allow", "TCP", NetworkName(i % networks)) { DestinationPorts = ["8080"] }],
        Egress = [.. Enumerable.Range(0, extraRules).Select(r => new ClusterPolicyRule("Allow", "UDP", NetworkName(i % networks)) { DestinationPorts = [$"{5300 + r}"] })],
    };

    private static string App(int i) => $"app-{i:D2}";

    private static string Address(int network, int g) => $"10.{network}.{g / 250}.{(g % 250) + 1}";
}

/// <summary>A clock the benchmark moves by hand (to let awaited results expire between runs).</summary>
internal sealed class BenchClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
