using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>What changed on a node since the last report: VRFs added or changed, and networks whose VRF is gone.</summary>
public sealed record NodeReportDelta(ImmutableArray<VrfStatus> Upserted, ImmutableArray<string> RemovedNetworks)
{
    public bool IsEmpty => Upserted.IsEmpty && RemovedNetworks.IsEmpty;

    /// <summary>The delta from <paramref name="before"/> to <paramref name="after"/>, keyed by network name.</summary>
    public static NodeReportDelta Between(IEnumerable<VrfStatus> before, IEnumerable<VrfStatus> after)
    {
        var old = before.ToDictionary(v => v.Network, StringComparer.Ordinal);
        var now = after.ToDictionary(v => v.Network, StringComparer.Ordinal);
        var upserted = now.Values.Where(v => !old.TryGetValue(v.Network, out var was) || was != v).OrderBy(v => v.Network, StringComparer.Ordinal);
        var removed = old.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal);
        return new([.. upserted], [.. removed]);
    }
}
