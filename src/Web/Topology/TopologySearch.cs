using Multinet.Web.State;

namespace Multinet.Web.Topology;

/// <summary>
/// Finds the element a search names: a node, a network, a pod (<c>name</c> or <c>namespace/name</c>) or a service,
/// exact names before partial ones. A pod or VM is drawn only in an expanded node of an expanded network, a service
/// in an expanded network, so the answer says which network (and node) to expand for it to appear.
/// </summary>
internal static class TopologySearch
{
    public sealed record Hit(string Id, string? Expand, string? Node = null);

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
        var vms = Multinet.Web.Model.VmIndex.Of(snapshot.Objects);
        if (snapshot.Objects.Vmis.Values.FirstOrDefault(v => Match(v.Name) || Match(v.Key)) is { } vmi
            && vms.LauncherOf(vmi.Key) is { } launcherKey && snapshot.Objects.Pods.GetValueOrDefault(launcherKey) is { } launcher)
        {
            return new(TopologyIds.Vm(vmi.Namespace, vmi.Name), TopologyFacts.NetworksOf(launcher, nads).FirstOrDefault(), launcher.NodeName);
        }

        if (snapshot.Objects.Pods.Values.FirstOrDefault(p => Match(p.Name) || Match(p.Key)) is { } pod)
        {
            return vms.VmiOf(pod.Key) is { } owner
                ? new(TopologyIds.Vm(owner.Namespace, owner.Name), TopologyFacts.NetworksOf(pod, nads).FirstOrDefault(), pod.NodeName)
                : new(TopologyIds.Pod(pod.Namespace, pod.Name), TopologyFacts.NetworksOf(pod, nads).FirstOrDefault(), pod.NodeName);
        }

        if (snapshot.Objects.Services.Values.FirstOrDefault(s => s.Network is not null && (Match(s.Name) || Match(s.Key))) is { } service)
        {
            return new(TopologyIds.Service(service.Namespace, service.Name), service.Network);
        }

        return null;
    }
}
