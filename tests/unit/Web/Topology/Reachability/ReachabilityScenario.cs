using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Topology.Reachability;

/// <summary>
/// A crafted, healthy two-node cluster as agents would report it: blue (VNI 56, 172.19.0.0/16) and red (VNI 88, with
/// a range overlapping blue's); pod a (172.19.0.1) on node-1 and pod b (172.19.0.2) on node-2 on blue, pod c on node-2
/// on red holding 172.19.0.2 too, a blue Service web selecting b. Tests break one thing and ask.
/// </summary>
internal static class ReachabilityScenario
{
    public static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public static V3Network Blue => TestNetworks.Make("blue", 56, "172.19.0.0/16");

    public static V3Network Red => TestNetworks.Make("red", 88, "172.19.0.0/16");

    public static ClusterPod Pod(string name, string node, string nad, string address) =>
        new ClusterPod("default", name, node)
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add("app", name),
            Attachments = [new PodAttachment("default", nad, "eth1", [address], null)],
        };

    public static LiveSnapshot Healthy()
    {
        var objects = ClusterObjects.Empty with
        {
            Nads = Keyed([new ClusterNad("default", "blue-net", "blue", "calico", null, null), new ClusterNad("default", "red-net", "red", "calico", null, null)], n => n.Key),
            Pods = Keyed([Pod("a", "node-1", "blue-net", "172.19.0.1"), Pod("b", "node-2", "blue-net", "172.19.0.2"), Pod("c", "node-2", "red-net", "172.19.0.2")], p => p.Key),
            Services = Keyed([new ClusterService("default", "web", "blue") { Selector = ImmutableDictionary<string, string>.Empty.Add("app", "b"), ClusterIps = ["10.96.0.10"], Ports = [new ClusterServicePort(null, "TCP", 80, 8080)] }], s => s.Key),
            Synced = true,
        };
        return LiveSnapshot.Empty with
        {
            Version = 7,
            Networks = Keyed([Blue, Red], n => n.Metadata.Name),
            Nodes = Keyed([Node1(), Node2()], n => n.Name),
            Objects = objects,
        };
    }

    private static NodeView Node1() => new()
    {
        Name = "node-1",
        Connected = true,
        LastSeen = Now,
        Dataplane = "Simulated",
        Inventory = new NodeInventory
        {
            Vrfs = [Vrf("blue", 56), Vrf("red", 88)],
            Tunnels = [Tunnel("blue", "node-2", 56, "10.0.0.1", "10.0.0.2"), Tunnel("red", "node-2", 88, "10.0.0.1", "10.0.0.2")],
            Taps = [new TapStatus("default", "a", "eth1", "blue", "172.19.0.1/32") { LinkUp = true }],
            Routes = [new RouteStatus("blue", "172.19.0.1/32", "default/a/eth1"), new RouteStatus("blue", "172.19.0.2/32", "node-2"), new RouteStatus("red", "172.19.0.2/32", "node-2")],
            Services = [new ServiceEntryStatus("default", "web", "blue", "10.96.0.10", 80, "TCP") { Backends = ["172.19.0.2:8080"] }],
        },
    };

    private static NodeView Node2() => new()
    {
        Name = "node-2",
        Connected = true,
        LastSeen = Now,
        Dataplane = "Simulated",
        Inventory = new NodeInventory
        {
            Vrfs = [Vrf("blue", 56), Vrf("red", 88)],
            Tunnels = [Tunnel("blue", "node-1", 56, "10.0.0.2", "10.0.0.1"), Tunnel("red", "node-1", 88, "10.0.0.2", "10.0.0.1")],
            Taps = [new TapStatus("default", "b", "eth1", "blue", "172.19.0.2/32") { LinkUp = true }, new TapStatus("default", "c", "eth1", "red", "172.19.0.2/32") { LinkUp = true }],
            Routes = [new RouteStatus("blue", "172.19.0.1/32", "node-1"), new RouteStatus("blue", "172.19.0.2/32", "default/b/eth1"), new RouteStatus("red", "172.19.0.2/32", "default/c/eth1")],
            Services = [new ServiceEntryStatus("default", "web", "blue", "10.96.0.10", 80, "TCP") { Backends = ["172.19.0.2:8080"] }],
        },
    };

    public static VrfStatus Vrf(string network, uint table) => new(network, table, VrfState.Applied, null, 1, Now);

    public static TunnelStatus Tunnel(string network, string peer, uint vni, string src, string dst) => new(network, peer, vni, src, dst, 0, true);

    /// <summary>The snapshot with one node's inventory changed.</summary>
    public static LiveSnapshot WithInventory(this LiveSnapshot snapshot, string node, Func<NodeInventory, NodeInventory> change) =>
        snapshot with { Nodes = snapshot.Nodes.SetItem(node, snapshot.Nodes[node] with { Inventory = change(snapshot.Nodes[node].Inventory) }) };

    public static LiveSnapshot WithNode(this LiveSnapshot snapshot, string node, Func<NodeView, NodeView> change) =>
        snapshot with { Nodes = snapshot.Nodes.SetItem(node, change(snapshot.Nodes[node])) };

    public static LiveSnapshot WithObjects(this LiveSnapshot snapshot, Func<ClusterObjects, ClusterObjects> change) =>
        snapshot with { Objects = change(snapshot.Objects) };

    public static ImmutableSortedDictionary<string, T> Keyed<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.ToImmutableSortedDictionary(key, i => i, StringComparer.Ordinal);
}
