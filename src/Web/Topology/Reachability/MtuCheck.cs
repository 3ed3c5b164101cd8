using System.Collections.Immutable;

namespace Multinet.Web.Topology.Reachability;

/// <summary>Placeholder replaced below.</summary>
internal static class MtuCheck
{
    public static ImmutableArray<MtuWarning> Warnings(Multinet.Web.State.LiveSnapshot snapshot, string network) => [];
}
