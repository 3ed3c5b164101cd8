namespace Multinet.Web.Grpc;

/// <summary>An agent's credential is missing or refused; the message says why, without the credential.</summary>
internal sealed class AgentAuthenticationException(string message) : Exception(message);
