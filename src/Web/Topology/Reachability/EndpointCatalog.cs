using System.Collections.Immutable;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>The endpoints a snapshot offers to pick from: each pod (or VM launcher pod) interface on a Network, each network-aware Service.</summary>
internal static class EndpointCatalog
{
    public static ImmutableArray<EndpointOption> Of(LiveSnapshot snapshot)
    {
        var resolver = new EndpointResolver(snapshot);
        var interfaces = snapshot.Objects.Pods.Values.SelectMany(resolver.Interfaces)
            .Select(i => new EndpointOption(ReachabilityEndpoint.ForPod(i.Namespace, i.Pod, i.Network).ToString(),
                $"{i.Namespace}/{i.Pod} on {i.Network}{(i.Address is null ? "" : $" ({i.Address})")}{(i.Node is null ? "" : $" · {i.Node}")}",
                EndpointKind.Pod, i.Network, i.Id));
        var services = snapshot.Objects.Services.Values.Where(s => s.Network is not null)
            .Select(s => new EndpointOption(ReachabilityEndpoint.ForService(s.Namespace, s.Name).ToString(),
                $"Service {s.Key} on {s.Network}", EndpointKind.Service, s.Network, TopologyIds.Service(s.Namespace, s.Name)));
        return [.. interfaces.Concat(services).DistinctBy(o => o.Text, StringComparer.Ordinal).OrderBy(o => o.Text, StringComparer.Ordinal)];
    }
}
