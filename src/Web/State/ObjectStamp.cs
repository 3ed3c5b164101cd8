using k8s.Models;
using Multinet.Shared.Cluster;

namespace Multinet.Web.State;

/// <summary>
/// Which version of an object the shared watch holds: its resourceVersion, and who wrote it last and when (as the timeline
/// names authors: <see cref="FieldManagers.LastWrite"/>). Enough for an editor to notice that the object moved on.
/// </summary>
public sealed record ObjectStamp(string? ResourceVersion, string? Manager, DateTime? Time)
{
    public static ObjectStamp Of(V1ObjectMeta? metadata)
    {
        var last = FieldManagers.LastWrite(metadata);
        return new ObjectStamp(metadata?.ResourceVersion, last?.Manager, last?.Time);
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> is a later version than <paramref name="loaded"/>. resourceVersions are
    /// opaque, but every API server this console meets issues them as increasing integers: compared as numbers when
    /// both are, so a watch that lags behind a fresh GET is not mistaken for a change; otherwise any difference counts.
    /// </summary>
    public static bool IsNewer(string? candidate, string? loaded) =>
        candidate is not null && candidate != loaded &&
        (!long.TryParse(candidate, out var c) || !long.TryParse(loaded, out var l) || c > l);
}
