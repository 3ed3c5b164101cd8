namespace Multinet.Web.Configuration;

/// <summary>Endpoint metadata: served only on the agent gateway's port (<see cref="AgentGatewayOnlyPolicy"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class AgentGatewayOnlyAttribute : Attribute;
