using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

internal static partial class TopologyGraph
{
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

        AddInterface(elements, node, pod, network, facts, podId, pod.Name, guest: null);
    }

    /// <summary>A VM, drawn for its virt-launcher pod: its interfaces keep the launcher's ids (reachability names them so).</summary>
    private static void AddVm(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, NodeView node, ClusterPod launcher, ClusterVmi vmi,
        string network, TopologyFacts facts, (double X, double Y) position)
    {
        var vmId = TopologyIds.Vm(vmi.Namespace, vmi.Name);
        if (!elements.ContainsKey(vmId))
        {
            var networks = string.Join(", ", TopologyFacts.NetworksOf(launcher, facts.NadNetworks));
            elements[vmId] = new TopologyElement(vmId, TopologyElementKind.Vm, $"VM {vmi.Name}")
            {
                Classes = "vm" + (vmi.Phase == "Running" ? "" : " not-running"),
                Hover = $"VM {vmi.Namespace}/{vmi.Name} ({vmi.Phase ?? "no phase"}) on {launcher.NodeName}, launcher pod {launcher.Name}: {networks}",
                X = position.X,
                Y = position.Y,
            };
        }

        var guest = vmi.Interfaces.FirstOrDefault(i => i.NadKey is { } nad && facts.NadNetworks.GetValueOrDefault(nad) == network);
        AddInterface(elements, node, launcher, network, facts, vmId, $"VM {vmi.Name}", guest);
    }

    /// <summary>A pod's (or VM's launcher pod's) interface on <paramref name="network"/>: memif or tap as its node reports it, else pending.</summary>
    private static void AddInterface(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, NodeView node, ClusterPod pod, string network,
        TopologyFacts facts, string ownerId, string owner, VmiInterfaceView? guest)
    {
        var attachments = pod.Attachments.Where(a => facts.NadNetworks.GetValueOrDefault(a.NadKey) == network).ToArray();
        var memif = node.Inventory.Memifs.FirstOrDefault(m => m.Namespace == pod.Namespace && m.Pod == pod.Name && m.Network == network);
        var tap = node.Inventory.Taps.FirstOrDefault(t => t.Namespace == pod.Namespace && t.Pod == pod.Name && t.Network == network);
        var (kind, up, address) = memif is not null ? ("memif", memif.LinkUp, memif.Address)
            : tap is not null ? ("tap", tap.LinkUp, tap.Address)
            : ("pending", false, null);
        address ??= attachments.SelectMany(a => a.Ips).FirstOrDefault();
        var names = string.Join(", ", attachments.Select(a => a.Interface));
        var inGuest = guest is null ? "" : $", guest {guest.GuestName ?? guest.Name}" + (guest.Binding is { } binding ? $" ({binding})" : "");
        var id = TopologyIds.Interface(pod.Namespace, pod.Name, network);
        elements[id] = new TopologyElement(id, TopologyElementKind.Interface, $"{kind} {address}".Trim())
        {
            Source = ownerId,
            Target = TopologyIds.Node(node.Name),
            Classes = $"iface {kind} {(up ? "up" : "down")}" + (guest is null ? "" : " vm"),
            Color = TopologyPalette.For(network),
            Hover = $"{owner} {names} on {network}: {kind}, {address ?? "no address"}, link {(up ? "up" : "down")}{inGuest}"
                + (memif is not null ? $", rx {memif.RxPackets:N0} / tx {memif.TxPackets:N0} pkts" : ""),
        };
    }

    /// <summary>An expanded network's services, their endpoints counted over all its pods and joined to the pods drawn.</summary>
    private static void AddServices(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, LiveSnapshot snapshot, string network,
        TopologyFacts facts, TopologyLayout layout)
    {
        var services = snapshot.Objects.Services.Values
            .Where(s => s.Network == network && TopologyFacts.Matches(s.Namespace, facts.NamespaceFilter)).ToArray();
        for (var i = 0; i < services.Length; i++)
        {
            AddService(elements, snapshot, services[i], facts, layout.Service(network, i));
        }
    }

    private static void AddService(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, LiveSnapshot snapshot, ClusterService service,
        TopologyFacts facts, (double X, double Y) position)
    {
        var id = TopologyIds.Service(service.Namespace, service.Name);
        var endpoints = ServiceEndpoints.For(snapshot.Objects.Pods.Values, service, facts.NadNetworks);
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
            var target = facts.Vms.VmiOf(pod.Key) is { } vmi ? TopologyIds.Vm(vmi.Namespace, vmi.Name) : TopologyIds.Pod(pod.Namespace, pod.Name);
            if (!elements.ContainsKey(target))
            {
                continue;
            }

            var edge = $"ep:{service.Namespace}/{service.Name}>{pod.Key}";
            elements[edge] = new TopologyElement(edge, TopologyElementKind.Endpoint, "")
            {
                Source = id,
                Target = target,
                Classes = "endpoint",
                Color = TopologyPalette.For(service.Network!),
                Hover = $"{service.Name} → {pod.Key}: " + string.Join(", ", endpoints.Where(e => e.Pod.Key == pod.Key).Select(e => e.Address)),
            };
        }
    }
}
