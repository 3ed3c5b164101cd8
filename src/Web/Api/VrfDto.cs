using Multinet.Shared.Domain;

namespace Multinet.Web.Api;

/// <summary>A network's VRF on a node, for scripts.</summary>
public sealed record VrfDto(string Network, uint TableId, string State, string? Error, long Generation, DateTime? AppliedAt)
{
    /// <summary>Routes in the VRF.</summary>
    public int RouteCount { get; init; }

    public static VrfDto From(VrfStatus vrf)
    {
        ArgumentNullException.ThrowIfNull(vrf);
        return new(vrf.Network, vrf.TableId, vrf.State.ToString(), vrf.Error, vrf.Generation, vrf.AppliedAt) { RouteCount = vrf.RouteCount };
    }
}
