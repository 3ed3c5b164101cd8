using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Topology;

/// <summary>Live snapshots for topology tests: nodes with VRFs and tunnels for given networks, pods attached through NADs.</summary>
internal static class TopologyStates
{
    /// <summary><paramref name="nodes"/> nodes each holding a VRF and an up tunnel to every other node for each of <paramref name="networks"/>.</summary>
    public static LiveSnapshot Mesh(int nodes, params string[] networks)
    {
        var names = Enumerable.Range(1, nodes).Select(i => $"node-{i:D3}").ToArray();
        var snapshot = LiveSnapshot.Empty with
        {
            Networks = networks.ToImmutableSortedDictionary(n => n, n => TestNetworks.Make(n, 100 + Array.IndexOf(networks, n), $"10.{Array.IndexOf(networks, n)}.0.0/16"), StringComparer.Ordinal),
            Nodes = names.ToImmutableSortedDictionary(n => n, n => Node(n, names, networks), StringComparer.Ordinal),
            Objects = ClusterObjects.Empty with
            {
                Nads = networks.Select(n => new ClusterNad("default", $"{n}-conf", n, "calico", "calico-ipam", null))
                    .ToImmutableSortedDictionary(n => n.Key, n => n, StringComparer.Ordinal),
            },
        };
        return snapshot;
    }

    public static NodeView Node(string name, string[] all, string[] networks) => new()
    {
        Name = name,
        Connected = true,
        Dataplane = "simulated",
        Inventory = NodeInventory.Empty with
        {
            Vrfs = [.. networks.Select((n, i) => new VrfStatus(n, (uint)(10 + i), VrfState.Applied, null, 1, SampleInventory.AppliedAt))],
            Tunnels = [.. networks.SelectMany(n => all.Where(p => p != name).Select(p => SampleInventory.Tunnel(n, p)))],
        },
    };

    /// <summary>The snapshot with <paramref name="node"/>'s tunnel to <paramref name="peer"/> on <paramref name="network"/> reported as <paramref name="up"/>.</summary>
    public static LiveSnapshot WithTunnel(this LiveSnapshot snapshot, string node, string network, string peer, bool up) =>
        snapshot.WithNode(node, n => n with
        {
            Inventory = n.Inventory with { Tunnels = [.. n.Inventory.Tunnels.Select(t => t.Network == network && t.PeerNode == peer ? t with { Up = up } : t)] },
        });

    public static LiveSnapshot WithoutTunnel(this LiveSnapshot snapshot, string node, string network, string peer) =>
        snapshot.WithNode(node, n => n with
        {
            Inventory = n.Inventory with { Tunnels = [.. n.Inventory.Tunnels.Where(t => !(t.Network == network && t.PeerNode == peer))] },
        });

    public static LiveSnapshot WithNode(this LiveSnapshot snapshot, string node, Func<NodeView, NodeView> change) =>
        snapshot with { Version = snapshot.Version + 1, Nodes = snapshot.Nodes.SetItem(node, change(snapshot.Nodes[node])) };

    /// <summary>Adds a pod on <paramref name="node"/> attached to each of <paramref name="networks"/> (as eth1, eth2 …).</summary>
    public static LiveSnapshot WithPod(this LiveSnapshot snapshot, string ns, string name, string node, params string[] networks)
    {
        var pod = new ClusterPod(ns, name, node)
        {
            Labels = ImmutableDictionary<string, string>.Empty.Add("app", name),
            Attachments = [.. networks.Select((n, i) => new PodAttachment("default", $"{n}-conf", $"eth{i + 1}", [$"10.{i}.0.{snapshot.Objects.Pods.Count + 2}"], null))],
        };
        return snapshot with { Version = snapshot.Version + 1, Objects = snapshot.Objects with { Pods = snapshot.Objects.Pods.SetItem(pod.Key, pod) } };
    }

    public static LiveSnapshot WithoutPod(this LiveSnapshot snapshot, string ns, string name) =>
        snapshot with { Version = snapshot.Version + 1, Objects = snapshot.Objects with { Pods = snapshot.Objects.Pods.Remove($"{ns}/{name}") } };

    public static LiveSnapshot WithService(this LiveSnapshot snapshot, string ns, string name, string network, string app)
    {
        var service = new ClusterService(ns, name, network) { Selector = ImmutableDictionary<string, string>.Empty.Add("app", app), ClusterIps = ["10.96.0.10"] };
        return snapshot with { Objects = snapshot.Objects with { Services = snapshot.Objects.Services.SetItem(service.Key, service) } };
    }
}
