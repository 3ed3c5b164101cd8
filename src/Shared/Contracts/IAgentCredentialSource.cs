namespace Multinet.Shared.Contracts;

/// <summary>
/// The credential an agent presents on its report stream, for a host that runs agents in-process and accepts their
/// streams itself (the console's simulated nodes): both sides of the agent↔console contract see it here.
/// </summary>
public interface IAgentCredentialSource
{
    /// <summary>The credential, or null to present none.</summary>
    string? Credential { get; }
}
