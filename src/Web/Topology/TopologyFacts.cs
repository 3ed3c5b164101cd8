using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// What the graph is built from, after the query's filters: the hosts and layers shown, the pods counted per host and
/// network, and for expanded networks the pods and VMs counted per node (a group), with the members of expanded groups.
/// </summary>
internal sealed record TopologyFacts(
    ImmutableArray<string> Hosts,
    ImmutableHashSet<string> HostSet,
    ImmutableArray<string> Layers,
    ImmutableDictionary<string, string> NadNetworks,
    VmIndex Vms)
{
    public required Dictionary<string, int> PodsPerHost { get; init; }

    public required Dictionary<string, int> PodsPerNetwork { get; init; }

    /// <summary>Per <see cref="TopologyQuery.GroupKey"/> of an expanded network: its pods (VM launchers not among them) and VMs.</summary>
    public required Dictionary<string, (int Pods, int Vms)> Groups { get; init; }

    /// <summary>Per expanded group: its pods (VM launchers included), in name order.</summary>
    public required Dictionary<string, List<ClusterPod>> Members { get; init; }

    /// <summary>
    /// Each pod's place among the shown pods of its node, in name order: one place whichever network draws it. Kept
    /// only for nodes with an expanded group (10,000 entries on every batch would be garbage on the large object heap).
    /// </summary>
    public required Dictionary<string, int> PodIndex { get; init; }

    public string? NamespaceFilter { get; init; }

    public static TopologyFacts Of(LiveSnapshot snapshot, TopologyQuery query)
    {
        var hosts = snapshot.Nodes.Keys.Where(n => Matches(n, query.Node)).ToImmutableArray();
        var hostSet = hosts.ToImmutableHashSet(StringComparer.Ordinal);
        var layers = snapshot.Networks.Keys.Where(query.Shows).ToImmutableArray();
        var nadNetworks = ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);
        var vms = VmIndex.Of(snapshot.Objects);
        var expanded = query.Expanded.Where(query.Shows).ToHashSet(StringComparer.Ordinal);
        var perHost = new Dictionary<string, int>(StringComparer.Ordinal);
        var perNetwork = new Dictionary<string, int>(StringComparer.Ordinal);
        var podIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<string, (int Pods, int Vms)>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<ClusterPod>>(StringComparer.Ordinal);
        var networks = new HashSet<string>(StringComparer.Ordinal);
        var placed = query.ExpandedGroups.Select(g => g[(g.IndexOf('/', StringComparison.Ordinal) + 1)..]).ToHashSet(StringComparer.Ordinal);
        foreach (var pod in snapshot.Objects.Pods.Values)
        {
            if (pod.Terminating || pod.NodeName is not { } node || !hostSet.Contains(node)
                || !Matches(pod.Namespace, query.Namespace) || !Matches(pod.Name, query.Pod))
            {
                continue;
            }

            var place = perHost.GetValueOrDefault(node);
            if (placed.Contains(node))
            {
                podIndex[pod.Key] = place;
            }

            perHost[node] = place + 1;
            networks.Clear();
            foreach (var attachment in pod.Attachments)
            {
                if (nadNetworks.GetValueOrDefault(attachment.NadKey) is not { } network || !networks.Add(network))
                {
                    continue;
                }

                perNetwork[network] = perNetwork.GetValueOrDefault(network) + 1;
                if (expanded.Contains(network))
                {
                    var key = TopologyQuery.GroupKey(network, node);
                    var (pods, vmCount) = groups.GetValueOrDefault(key);
                    groups[key] = vms.VmiOf(pod.Key) is null ? (pods + 1, vmCount) : (pods, vmCount + 1);
                    if (query.ExpandedGroups.Contains(key))
                    {
                        (members.TryGetValue(key, out var list) ? list : members[key] = []).Add(pod);
                    }
                }
            }
        }

        return new(hosts, hostSet, layers, nadNetworks, vms)
        {
            PodsPerHost = perHost,
            PodsPerNetwork = perNetwork,
            Groups = groups,
            Members = members,
            PodIndex = podIndex,
            NamespaceFilter = query.Namespace,
        };
    }

    /// <summary>The distinct Networks a pod is attached to, from its network-status (the addresses it got).</summary>
    public static IEnumerable<string> NetworksOf(ClusterPod pod, ImmutableDictionary<string, string> nadNetworks) =>
        pod.Attachments.Select(a => nadNetworks.GetValueOrDefault(a.NadKey)).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>A filter is a case-insensitive substring; no filter matches everything.</summary>
    public static bool Matches(string value, string? filter) =>
        filter is null || value.Contains(filter, StringComparison.OrdinalIgnoreCase);
}
