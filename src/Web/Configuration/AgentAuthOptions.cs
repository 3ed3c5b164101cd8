namespace Multinet.Web.Configuration;

/// <summary>How the console authenticates agents' streams, bound from <c>Multinet:AgentAuth</c>.</summary>
public sealed class AgentAuthOptions
{
    /// <summary>
    /// <see cref="AgentAuthModes.ServiceAccountToken"/> (a TokenReview of the agent's projected token),
    /// <see cref="AgentAuthModes.SharedSecret"/>, or empty: ServiceAccountToken with a real cluster, SharedSecret in the
    /// embedded mode.
    /// </summary>
    public string? Mode { get; set; }

    /// <summary>The only identity an agent's token may have.</summary>
    public string ServiceAccount { get; set; } = "system:serviceaccount:multinet-system:multinet-agent";

    /// <summary>The audience agents' tokens are issued for; a token for another audience (e.g. the API server's) is refused.</summary>
    public string Audience { get; set; } = "multinet-console";

    /// <summary>The shared secret; empty: one generated on first start and kept in the data directory as <c>agent-secret</c>.</summary>
    public string? Secret { get; set; }
}
