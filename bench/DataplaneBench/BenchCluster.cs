using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.DataplaneBench;

/// <summary>
/// A synthetic cluster: <c>nodes</c> nodes, <c>networks</c> Networks (vni 1000+i, 10.i.0.0/16... wrapped into
/// 10.0.0.0/8 /20s), and <c>podsPerNode</c> pods on every node, each attached to two Networks (a tap and a memif),
/// a network-aware Service per 10 Networks and one policy per 10 Networks scoped to it.
/// </summary>
internal static class BenchCluster
{
    public static string NodeName(int i) => $"node-{i:D3}";

    public static ClusterView Build(int nodes, int networks, int podsPerNode)
    {
        var networkList = Enumerable.Range(0, networks).Select(i =>
        {
            var network = V3Network.Create(NetworkName(i), 1000 + i, $"10.{i / 16}.{i % 16 * 16}.0/20");
            network.Metadata.Generation = 1;
            network.Metadata.CreationTimestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i);
            return network;
        }).ToImmutableArray();
        var nads = Enumerable.Range(0, networks).Select(i => new ClusterNad("bench", $"{NetworkName(i)}-conf", NetworkName(i), "calico", "whereabouts", null)).ToImmutableArray();
        var nodeList = Enumerable.Range(0, nodes).Select(i => new ClusterNode(NodeName(i), $"192.168.{i / 250}.{(i % 250) + 1}", null)).ToImmutableArray();
        var pods = ImmutableArray.CreateBuilder<ClusterPod>();
        var host = 1;
        for (var n = 0; n < nodes; n++)
        {
            for (var p = 0; p < podsPerNode; p++, host++)
            {
                var first = (n + p) % networks;
                var second = (n + p + 1) % networks;
                pods.Add(new ClusterPod("bench", $"pod-{n:D3}-{p:D2}", NodeName(n))
                {
                    Labels = ImmutableDictionary<string, string>.Empty.Add("app", $"app-{first % 10}").Add("tier", p % 2 == 0 ? "front" : "back"),
                    Attachments =
                    [
                        new PodAttachment("bench", $"{NetworkName(first)}-conf", "eth1", [Address(first, host)], null),
                        new PodAttachment("bench", $"{NetworkName(second)}-conf", "memif-eth2", [Address(second, host)], null),
                    ],
                });
            }
        }

        var services = Enumerable.Range(0, networks / 10).Select(i => new ClusterService("bench", $"svc-{i}", NetworkName(i * 10))
        {
            Selector = ImmutableDictionary<string, string>.Empty.Add("app", $"app-{i % 10}"),
            ClusterIps = [$"10.96.{i / 250}.{(i % 250) + 1}"],
            Ports = [new ClusterServicePort("http", "TCP", 80, 8080)],
        }).ToImmutableArray();
        var policies = Enumerable.Range(0, networks / 10).Select(i => new ClusterPolicy("bench", $"policy-{i}", "tier == 'front' || has(app)")
        {
            Ingress = [new ClusterPolicyRule("Allow", "TCP", NetworkName(i * 10)) { DestinationPorts = ["8080"] }, new ClusterPolicyRule("Allow", "TCP", NetworkName((i * 10) + 1))],
        }).ToImmutableArray();

        return new ClusterView { Networks = networkList, Nads = nads, Nodes = nodeList, Pods = pods.ToImmutable(), Services = services, Policies = policies };
    }

    private static string NetworkName(int i) => $"net-{i:D3}";

    private static string Address(int network, int host) => $"10.{network / 16}.{(network % 16 * 16) + (host / 250)}.{(host % 250) + 1}";
}
