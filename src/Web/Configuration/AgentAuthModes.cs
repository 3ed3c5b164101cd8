namespace Multinet.Web.Configuration;

/// <summary>The ways an agent can prove who it is to the console.</summary>
public static class AgentAuthModes
{
    public const string ServiceAccountToken = "ServiceAccountToken";
    public const string SharedSecret = "SharedSecret";
}
