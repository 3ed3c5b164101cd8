using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// Finds the element a search names: a node, a network, a pod (<c>name</c> or <c>namespace/name</c>) or a service,
/// exact names before partial ones. A pod or service is drawn only in an expanded network, so the answer says which
/// network to expand for it to appear.
/// </summary>
internal static class TopologySearch
{
    public sealed record Hit(string Id, string? Expand);

    public static Hit? Find(LiveSnapshot snapshot, string? text)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return null;
        }

        return Find(snapshot, term, exact: true) ?? Find(snapshot, term, exact: false);
    }

    private static Hit? Find(LiveSnapshot snapshot, string term, bool exact)
    {
        bool Match(string name) => exact ? string.Equals(name, term, StringComparison.OrdinalIgnoreCase) : name.Contains(term, StringComparison.OrdinalIgnoreCase);

        if (snapshot.Nodes.Keys.FirstOrDefault(Match) is { } node)
        {
            return new(TopologyIds.Node(node), null);
        }

        if (snapshot.Networks.Keys.FirstOrDefault(Match) is { } network)
        {
            return new(TopologyIds.Network(network), null);
        }

        var nads = Multinet.Shared.Cluster.ServiceEndpoints.NadNetworks(snapshot.Objects.Nads.Values);
        if (snapshot.Objects.Pods.Values.FirstOrDefault(p => Match(p.Name) || Match(p.Key)) is { } pod)
        {
            return new(TopologyIds.Pod(pod.Namespace, pod.Name), TopologyFacts.NetworksOf(pod, nads).FirstOrDefault());
        }

        if (snapshot.Objects.Services.Values.FirstOrDefault(s => s.Network is not null && (Match(s.Name) || Match(s.Key))) is { } service)
        {
            return new(TopologyIds.Service(service.Namespace, service.Name), service.Network);
        }

        return null;
    }
}
