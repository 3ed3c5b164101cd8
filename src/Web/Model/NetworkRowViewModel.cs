using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>One row of the Networks table: the spec and how many connected nodes have applied its VRF.</summary>
public sealed record NetworkRowViewModel(string Name, long? Vni, string Range, string PhysicalNetworkName, int NodesReady, int NodesTotal)
{
    public static IReadOnlyList<NetworkRowViewModel> From(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = snapshot.Nodes.Values.Where(n => n.Connected).ToList();
        return [.. snapshot.Networks.Values.Select(network =>
        {
            var name = network.Metadata.Name;
            var ready = nodes.Count(n => n.Vrfs.Any(v => v.Network == name && v.State == VrfState.Applied));
            return new NetworkRowViewModel(name, network.Spec?.Vni, network.Spec?.Range ?? "", network.Spec?.PhysicalNetworkName ?? "", ready, nodes.Count);
        })];
    }
}
