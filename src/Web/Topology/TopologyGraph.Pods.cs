using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

internal static partial class TopologyGraph
{
    /// <summary>An expanded network's pods with their interfaces on it, and its services with their endpoints.</summary>
    private static void AddPods(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, LiveSnapshot snapshot, string network,
        TopologyFacts facts, TopologyLayout layout)
    {
        var pods = facts.Pods.Where(p => p.Attachments.Any(a => facts.NadNetworks.GetValueOrDefault(a.NadKey) == network)).ToArray();
        if (pods.Length > MaxPods)
        {
            return;
        }

        foreach (var pod in pods)
        {
            AddPod(elements, snapshot.Nodes[pod.NodeName!], pod, network, facts, layout.Pod(pod.NodeName!, facts.PodIndex[pod.Key]));
        }

        var drawn = pods.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var services = snapshot.Objects.Services.Values
            .Where(s => s.Network == network && TopologyFacts.Matches(s.Namespace, facts.NamespaceFilter)).ToArray();
        for (var i = 0; i < services.Length; i++)
        {
            AddService(elements, services[i], pods, drawn, facts, layout.Service(network, i));
        }
    }

    private static void AddPod(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, NodeView node, ClusterPod pod, string network,
        TopologyFacts facts, (double X, double Y) position)
    {
        var podId = TopologyIds.Pod(pod.Namespace, pod.Name);
        if (!elements.ContainsKey(podId))
        {
            var networks = string.Join(", ", TopologyFacts.NetworksOf(pod, facts.NadNetworks));
            elements[podId] = new TopologyElement(podId, TopologyElementKind.Pod, pod.Name)
            {
                Classes = "pod",
                Hover = $"{pod.Namespace}/{pod.Name} on {pod.NodeName}: {networks}",
                X = position.X,
                Y = position.Y,
            };
        }

        var attachments = pod.Attachments.Where(a => facts.NadNetworks.GetValueOrDefault(a.NadKey) == network).ToArray();
        var memif = node.Inventory.Memifs.FirstOrDefault(m => m.Namespace == pod.Namespace && m.Pod == pod.Name && m.Network == network);
        var tap = node.Inventory.Taps.FirstOrDefault(t => t.Namespace == pod.Namespace && t.Pod == pod.Name && t.Network == network);
        var (kind, up, address) = memif is not null ? ("memif", memif.LinkUp, memif.Address)
            : tap is not null ? ("tap", tap.LinkUp, tap.Address)
            : ("pending", false, null);
        address ??= attachments.SelectMany(a => a.Ips).FirstOrDefault();
        var names = string.Join(", ", attachments.Select(a => a.Interface));
        var id = TopologyIds.Interface(pod.Namespace, pod.Name, network);
        elements[id] = new TopologyElement(id, TopologyElementKind.Interface, $"{kind} {address}".Trim())
        {
            Source = podId,
            Target = TopologyIds.Node(node.Name),
            Classes = $"iface {kind} {(up ? "up" : "down")}",
            Color = TopologyPalette.For(network),
            Hover = $"{pod.Name} {names} on {network}: {kind}, {address ?? "no address"}, link {(up ? "up" : "down")}"
                + (memif is not null ? $", rx {memif.RxPackets:N0} / tx {memif.TxPackets:N0} pkts" : ""),
        };
    }

    private static void AddService(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, ClusterService service, ClusterPod[] pods,
        HashSet<string> drawn, TopologyFacts facts, (double X, double Y) position)
    {
        var id = TopologyIds.Service(service.Namespace, service.Name);
        var endpoints = ServiceEndpoints.For(pods, service, facts.NadNetworks);
        elements[id] = new TopologyElement(id, TopologyElementKind.Service, $"{service.Name}\n{Count(endpoints.Length, "endpoint")}")
        {
            Classes = "service" + (endpoints.IsEmpty ? " empty" : ""),
            Color = TopologyPalette.For(service.Network!),
            Hover = $"{service.Namespace}/{service.Name} on {service.Network}: {string.Join(", ", service.ClusterIps)} → "
                + (endpoints.IsEmpty ? "no endpoints" : string.Join(", ", endpoints.Select(e => e.Address))),
            X = position.X,
            Y = position.Y,
        };
        foreach (var pod in endpoints.Select(e => e.Pod).DistinctBy(p => p.Key))
        {
            if (!drawn.Contains(pod.Key))
            {
                continue;
            }

            var edge = $"ep:{service.Namespace}/{service.Name}>{pod.Key}";
            elements[edge] = new TopologyElement(edge, TopologyElementKind.Endpoint, "")
            {
                Source = id,
                Target = TopologyIds.Pod(pod.Namespace, pod.Name),
                Classes = "endpoint",
                Color = TopologyPalette.For(service.Network!),
                Hover = $"{service.Name} → {pod.Key}: " + string.Join(", ", endpoints.Where(e => e.Pod.Key == pod.Key).Select(e => e.Address)),
            };
        }
    }
}
