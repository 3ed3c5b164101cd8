namespace Multinet.Agent.Dataplane;

/// <summary>The dataplane drivers <see cref="AgentOptions.Dataplane"/> may name.</summary>
public static class DataplaneKinds
{
    /// <summary>An in-memory model of VPP; what simulated nodes and tests use.</summary>
    public const string Simulated = "Simulated";

    /// <summary>A real VPP, programmed over its binary API socket (<see cref="AgentOptions.VppApiSocket"/>).</summary>
    public const string Vpp = "Vpp";
}
