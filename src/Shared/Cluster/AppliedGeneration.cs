using Multinet.Shared.Domain;

namespace Multinet.Shared.Cluster;

/// <summary>
/// The one rule for "a node has applied a Network's current generation": the node reports the Network applied at the
/// Network's generation or a later one. A Network without a generation (an object no API server has stored) is current
/// at any generation. The Network status, the console's tables and API, and the timeline's results all decide it here.
/// </summary>
public static class AppliedGeneration
{
    /// <summary>Whether a node that worked on <paramref name="applied"/> has caught up with <paramref name="current"/>.</summary>
    public static bool IsCurrent(long? applied, long? current) => current is null || applied >= current;

    /// <summary>A VRF the node reports Applied, for the Network's current generation.</summary>
    public static bool HasApplied(VrfStatus? vrf, long? current) =>
        vrf is { State: VrfState.Applied } && IsCurrent(vrf.Generation, current);

    /// <summary>A Node's network-state annotation entry that says Applied, for the Network's current generation.</summary>
    public static bool HasApplied(NodeNetworkState? state, long? current) =>
        state is not null && state.State == NodeNetworkStates.Applied && IsCurrent(state.Generation, current);
}
