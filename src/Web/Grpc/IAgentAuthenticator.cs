namespace Multinet.Web.Grpc;

/// <summary>Checks the bearer credential an agent presents when it opens its stream.</summary>
internal interface IAgentAuthenticator
{
    /// <summary>The agent's identity; throws <see cref="AgentAuthenticationException"/> when the credential is missing or refused.</summary>
    Task<AgentIdentity> AuthenticateAsync(string? credential, CancellationToken cancellationToken);
}
