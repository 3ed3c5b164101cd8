using System.Collections.Immutable;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

internal static partial class TopologyGraph
{
    /// <summary>
    /// An expanded network's pods and VMs, one group per node that has any (counted, linked to the node); the
    /// members of an expanded group are drawn one by one with their interfaces, up to <see cref="MaxPods"/>.
    /// </summary>
    private static void AddGroups(ImmutableSortedDictionary<string, TopologyElement>.Builder elements, LiveSnapshot snapshot, string network,
        TopologyFacts facts, TopologyLayout layout, TopologyQuery query)
    {
        var color = TopologyPalette.For(network);
        foreach (var host in facts.Hosts)
        {
            var key = TopologyQuery.GroupKey(network, host);
            if (!facts.Groups.TryGetValue(key, out var count))
            {
                continue;
            }

            var open = query.ExpandedGroups.Contains(key);
            var members = facts.Members.GetValueOrDefault(key) ?? [];
            var tooMany = open && members.Count > MaxPods;
            var what = count.Vms == 0 ? Count(count.Pods, "pod") : count.Pods == 0 ? Count(count.Vms, "VM") : $"{Count(count.Pods, "pod")} · {Count(count.Vms, "VM")}";
            var (x, y) = layout.Group(host, network);
            var id = TopologyIds.Group(network, host);
            elements[id] = new TopologyElement(id, TopologyElementKind.Group, what)
            {
                Classes = "group" + (open ? " expanded" : "") + (count.Vms > 0 ? " has-vms" : ""),
                Color = color,
                Hover = $"{what} on {network} at {host}; "
                    + (tooMany ? $"more than {MaxPods:N0}: counted only, filter by namespace or pod to draw them" : $"click to {(open ? "collapse" : "draw them")}"),
                X = x,
                Y = y,
            };
            var link = TopologyIds.GroupLink(network, host);
            elements[link] = new TopologyElement(link, TopologyElementKind.GroupLink, "")
            {
                Source = id,
                Target = TopologyIds.Node(host),
                Classes = "group-link",
                Color = color,
                Hover = $"{what} on {network} at {host}",
            };
            if (!open || tooMany)
            {
                continue;
            }

            var node = snapshot.Nodes[host];
            foreach (var pod in members)
            {
                var position = layout.Pod(host, facts.PodIndex[pod.Key]);
                if (facts.Vms.VmiOf(pod.Key) is { } vmi)
                {
                    AddVm(elements, node, pod, vmi, network, facts, position);
                }
                else
                {
                    AddPod(elements, node, pod, network, facts, position);
                }
            }
        }
    }
}
