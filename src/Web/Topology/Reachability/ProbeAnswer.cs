namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// What a probe from <see cref="From"/> to <see cref="To"/> saw: test traffic the source node's dataplane sent, unlike
/// the computed <see cref="ReachabilityAnswer"/>. <see cref="Summary"/> reads "probed: 3/3 replies at …".
/// </summary>
public sealed record ProbeAnswer
{
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>The node the probe was sent from (the source pod's).</summary>
    public required string Node { get; init; }

    /// <summary>The Network whose VRF it was sent in (the source's).</summary>
    public required string Network { get; init; }

    public string? Source { get; init; }

    public required string Destination { get; init; }

    public required ProbeStatus Status { get; init; }

    public int Sent { get; init; }

    public int Received { get; init; }

    /// <summary>What the dataplane or the console said about it.</summary>
    public required string Detail { get; init; }

    public required DateTime ProbedAt { get; init; }

    /// <summary>The node's dataplane kind, e.g. Simulated or Vpp: a simulated probe is answered from its tables.</summary>
    public string? Dataplane { get; init; }

    public string Summary => Status switch
    {
        ProbeStatus.Answered => $"probed: {Received}/{Sent} replies at {ProbedAt:u}",
        ProbeStatus.AgentNotConnected => $"not probed: the agent on {Node} is not connected",
        ProbeStatus.TimedOut => $"not probed: the agent on {Node} timed out",
        _ => $"not probed: {Detail}",
    };
}
