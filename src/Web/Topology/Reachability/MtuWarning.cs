namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// A Network whose pod MTU leaves no room for VXLAN's outer headers (50 bytes over an IPv4 underlay, 70 over IPv6) on
/// the underlay between two nodes: <paramref name="TunnelId"/> names the tunnel, <paramref name="Message"/> the figures.
/// </summary>
public sealed record MtuWarning(string Network, string TunnelId, int PodMtu, int UnderlayMtu, string Message);
