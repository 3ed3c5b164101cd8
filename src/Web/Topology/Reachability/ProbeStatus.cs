namespace Multinet.Web.Topology.Reachability;

/// <summary>How a probe ended.</summary>
public enum ProbeStatus
{
    /// <summary>The source node's dataplane sent the probe: <see cref="ProbeAnswer.Sent"/> and <see cref="ProbeAnswer.Received"/> hold what it saw.</summary>
    Answered,

    /// <summary>The agent could not send it (no VRF for the network, a dataplane that refused): <see cref="ProbeAnswer.Detail"/> says why.</summary>
    Failed,

    /// <summary>The source node's agent has no stream to the console.</summary>
    AgentNotConnected,

    /// <summary>The agent did not answer in time.</summary>
    TimedOut,

    /// <summary>Nothing to send: the ends are on two Networks, which are isolated (<see cref="ProbeAnswer.Detail"/> says so).</summary>
    NotSent,
}
