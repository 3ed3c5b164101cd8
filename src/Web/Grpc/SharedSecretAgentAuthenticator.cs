namespace Multinet.Web.Grpc;

/// <summary>Accepts an agent that presents the console's <see cref="AgentSecret"/>; it may report for any node.</summary>
internal sealed class SharedSecretAgentAuthenticator(AgentSecret secret) : IAgentAuthenticator
{
    public Task<AgentIdentity> AuthenticateAsync(string? credential, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credential))
        {
            throw new AgentAuthenticationException("No credential: an agent must send \"authorization: Bearer <the console's agent secret>\".");
        }

        return secret.Matches(credential)
            ? Task.FromResult(new AgentIdentity("shared-secret", null, null))
            : throw new AgentAuthenticationException("The credential is not the console's agent secret.");
    }
}
