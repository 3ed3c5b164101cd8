namespace Multinet.Agent.Dataplane;

/// <summary>
/// A dataplane that needs this node's underlay addresses (the Node's InternalIP addresses, the tunnels' source), e.g. to
/// give each VRF a loopback address its peers can route to. The reconciler tells it before every pass.
/// </summary>
public interface IUnderlayAware
{
    /// <summary>This node's IPv4 and IPv6 underlay addresses; null when the Node has none of that family.</summary>
    void SetUnderlay(string? ipv4, string? ipv6);
}
