using Multinet.Contracts.Agent.V1;

namespace Multinet.UnitTests.TestSupport;

/// <summary>A message the fake console took in, and the number (from 1) of the call that carried it.</summary>
internal sealed record ReceivedAgentMessage(int Call, AgentMessage Message);
