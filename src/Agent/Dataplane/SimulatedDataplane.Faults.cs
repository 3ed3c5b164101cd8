namespace Multinet.Agent.Dataplane;

public sealed partial class SimulatedDataplane
{
    /// <summary>
    /// Fault injection: sets the link of the node's tunnel for <paramref name="network"/> to <paramref name="peerNode"/>
    /// down (as a cut underlay would) or back up. The agent reports it at its next counters refresh; nothing it plans
    /// changes. False when the dataplane holds no such tunnel.
    /// </summary>
    public bool SetTunnelLink(string network, string peerNode, bool up)
    {
        lock (_lock)
        {
            var tunnel = _interfaces.Values.FirstOrDefault(i => i.Tunnel is { } spec && spec.Network == network && spec.PeerNode == peerNode);
            if (tunnel is null)
            {
                return false;
            }

            tunnel.LinkUp = up;
            return true;
        }
    }
}
