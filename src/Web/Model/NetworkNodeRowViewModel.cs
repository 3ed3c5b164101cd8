using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>One node's view of one Network: its VRF, which generation it applied, when, and the error if any.</summary>
public sealed record NetworkNodeRowViewModel(string Node, bool Connected, VrfStatus? Vrf, long NetworkGeneration)
{
    /// <summary>Applied, and for the Network's current spec.</summary>
    public bool UpToDate => AppliedGeneration.HasApplied(Vrf, NetworkGeneration);

    public string Summary => Vrf switch
    {
        null when !Connected => "Node disconnected; no report",
        null => "Not reported yet",
        { State: VrfState.Error } vrf => vrf.Error ?? "Error",
        { State: VrfState.Applied } vrf when !AppliedGeneration.IsCurrent(vrf.Generation, NetworkGeneration) => $"Applied generation {vrf.Generation}; {NetworkGeneration} pending",
        { State: VrfState.Applied } => "Applied",
        _ => "Pending",
    };

    public static IReadOnlyList<NetworkNodeRowViewModel> From(LiveSnapshot snapshot, string network)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var generation = snapshot.Networks.TryGetValue(network, out var n) ? n.Metadata.Generation ?? 0 : 0;
        return [.. snapshot.Nodes.Values.Select(node =>
            new NetworkNodeRowViewModel(node.Name, node.Connected, node.Vrfs.FirstOrDefault(v => v.Network == network), generation))];
    }
}
