using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Shared.Domain;

/// <summary>
/// The examples/ folder as a parsed cluster view on three nodes: Networks blue (vni 56) and red (vni 88) with their
/// NADs, samplepod (app=MyApp, demo=demo) on node-1 with blue@eth1 and red@memif-eth2, a MyApp pod on node-2 on
/// blue, my-service (app=MyApp on blue) and my-policy (demo == 'demo', its second rule on red).
/// </summary>
internal static class ExampleCluster
{
    public const string Tunnel12Blue = "10.0.0.1>10.0.0.2#56";

    public static V3Network Network(string name, long vni, string range, string physical = "", long generation = 1)
    {
        var network = V3Network.Create(name, vni, range, physical);
        network.Metadata.Generation = generation;
        network.Metadata.CreationTimestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return network;
    }

    public static ClusterPod Pod(string name, string? node, ImmutableDictionary<string, string> labels, params PodAttachment[] attachments) =>
        new("default", name, node) { Labels = labels, Attachments = [.. attachments] };

    public static PodAttachment Blue(string ip, string iface = "eth1") => new("default", "network-blue-conf", iface, [ip], null);

    public static PodAttachment Red(string ip, string iface = "memif-eth2") => new("default", "network-red-conf", iface, [ip], null);

    public static ImmutableDictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToImmutableDictionary(l => l.Key, l => l.Value);

    public static ClusterView View() => new()
    {
        Networks = [Network("blue", 56, "172.19.0.0/16"), Network("red", 88, "172.20.0.0/16")],
        Nads =
        [
            new ClusterNad("default", "network-blue-conf", "blue", "calico", "whereabouts", null),
            new ClusterNad("default", "network-red-conf", "red", "calico", "whereabouts", null),
            new ClusterNad("default", "macvlan-conf", null, "macvlan", "host-local", null),
        ],
        Nodes = [new ClusterNode("node-1", "10.0.0.1", null), new ClusterNode("node-2", "10.0.0.2", null), new ClusterNode("node-3", "10.0.0.3", null)],
        Pods =
        [
            Pod("samplepod", "node-1", Labels(("app", "MyApp"), ("demo", "demo")), Blue("172.19.0.5"), Red("172.20.0.5")),
            Pod("otherpod", "node-2", Labels(("app", "MyApp")), Blue("172.19.0.9")),
        ],
        Services =
        [
            new ClusterService("default", "my-service", "blue")
            {
                Selector = Labels(("app", "MyApp")),
                ClusterIps = ["10.96.0.10"],
                Ports = [new ClusterServicePort(null, "TCP", 80, 9376)],
            },
        ],
        Policies =
        [
            new ClusterPolicy("default", "my-policy", "demo == 'demo'")
            {
                Ingress =
                [
                    new ClusterPolicyRule("Allow", "TCP", null) { DestinationPorts = ["3434"] },
                    new ClusterPolicyRule("Allow", "TCP", "red") { DestinationPorts = ["7809"] },
                ],
            },
        ],
    };
}
