using System.Collections.Immutable;
using Multinet.Shared.Cluster;
using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>What the graph is built from, after the query's filters: the hosts and layers shown and the pods counted.</summary>
internal sealed record TopologyFacts(
    ImmutableArray<string> Hosts,
    ImmutableHashSet<string> HostSet,
    ImmutableArray<string> Layers,
    ImmutableArray<ClusterPod> Pods,
    ImmutableDictionary<string, string> NadNetworks)
{
    public required Dictionary<string, int> PodsPerHost { get; init; }

    public required Dictionary<string, int> PodsPerNetwork { get; init; }

    public string? NamespaceFilter { get; init; }

    /// <summary>Each shown pod's place among the shown pods of its node, in name order: one place whichever network draws it.</summary>
    public required Dictionary<string, int> PodIndex { get; init; }

    public static TopologyFacts Of(LiveSnapshot snapshot, TopologyQuery query)
    {
        var hosts = snapshot.Nodes.Keys.Where(n => Matches(n, query.Node)).ToImmutableArray();
        var hostSet = hosts.ToImmutableHashSet(StringComparer.Ordinal);
        var layers = snapshot.Networks.Keys.Where(query.Shows).ToImmutableArray();
        var nadNetworks = ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);
        var pods = snapshot.Objects.Pods.Values
            .Where(p => !p.Terminating && p.NodeName is { } node && hostSet.Contains(node)
                && Matches(p.Namespace, query.Namespace) && Matches(p.Name, query.Pod))
            .ToImmutableArray();
        var perHost = new Dictionary<string, int>(StringComparer.Ordinal);
        var perNetwork = new Dictionary<string, int>(StringComparer.Ordinal);
        var podIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            podIndex[pod.Key] = perHost.GetValueOrDefault(pod.NodeName!);
            perHost[pod.NodeName!] = perHost.GetValueOrDefault(pod.NodeName!) + 1;
            foreach (var network in NetworksOf(pod, nadNetworks))
            {
                perNetwork[network] = perNetwork.GetValueOrDefault(network) + 1;
            }
        }

        return new(hosts, hostSet, layers, pods, nadNetworks) { PodsPerHost = perHost, PodsPerNetwork = perNetwork, NamespaceFilter = query.Namespace, PodIndex = podIndex };
    }

    /// <summary>The distinct Networks a pod is attached to, from its network-status (the addresses it got).</summary>
    public static IEnumerable<string> NetworksOf(ClusterPod pod, ImmutableDictionary<string, string> nadNetworks) =>
        pod.Attachments.Select(a => nadNetworks.GetValueOrDefault(a.NadKey)).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>A filter is a case-insensitive substring; no filter matches everything.</summary>
    public static bool Matches(string value, string? filter) =>
        filter is null || value.Contains(filter, StringComparison.OrdinalIgnoreCase);
}
