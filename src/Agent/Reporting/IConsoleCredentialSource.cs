namespace Multinet.Agent.Reporting;

/// <summary>Gives agents that a host runs in-process (the console's simulated nodes) the credential to present to it.</summary>
public interface IConsoleCredentialSource
{
    /// <summary>The credential, or null to present none.</summary>
    string? Credential { get; }
}
