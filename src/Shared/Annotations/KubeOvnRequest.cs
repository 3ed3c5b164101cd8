using System.Collections.Immutable;
using System.Net;

namespace Multinet.Shared.Annotations;

/// <summary>
/// What a pod's Kube-OVN-style annotations ask of one attachment: static addresses (<c>ip_address</c>, one per family),
/// a fixed MAC (<c>mac_address</c>, lowercase colon form) and a workload's pool (<c>ip_pool</c>, in the order written).
/// </summary>
public sealed record KubeOvnRequest(ImmutableArray<IPAddress> IpAddresses, string? Mac, ImmutableArray<IPAddress> IpPool)
{
    public static KubeOvnRequest None { get; } = new([], null, []);
}
