using Multinet.Contracts.Agent.V1;

namespace Multinet.Web.Grpc;

/// <summary>How a probe sent to an agent ended: its result, or that the agent was not connected or did not answer in time.</summary>
public sealed record AgentProbeOutcome(AgentProbeStatus Status, ProbeResult? Result)
{
    public static AgentProbeOutcome NotConnected { get; } = new(AgentProbeStatus.NotConnected, null);

    public static AgentProbeOutcome TimedOut { get; } = new(AgentProbeStatus.TimedOut, null);

    public static AgentProbeOutcome Answered(ProbeResult result) => new(AgentProbeStatus.Answered, result);
}
