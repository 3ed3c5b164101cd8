namespace Multinet.Web.Configuration;

/// <summary>The console's settings, bound from the <c>Multinet</c> configuration section.</summary>
public sealed class MultinetOptions
{
    public const string SectionName = "Multinet";

    /// <summary>Where the SQLite files and the embedded API's kubeconfig live.</summary>
    public string DataDir { get; set; } = ".multinet";

    /// <summary>A kubeconfig for a real cluster; when set (or KUBECONFIG is), the embedded cluster (API and simulated nodes) is off.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>
    /// Inside a cluster: talk to it through the pod's ServiceAccount (in-cluster configuration) instead of a kubeconfig.
    /// Off by default: with neither this nor a kubeconfig the console runs its embedded API.
    /// </summary>
    public bool InCluster { get; set; }

    /// <summary>How agents prove who they are on their stream (<c>Multinet:AgentAuth</c>).</summary>
    public AgentAuthOptions AgentAuth { get; set; } = new();

    /// <summary>The HTTP/2-only endpoint agents stream their reports to.</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:5081";

    /// <summary>How long a connected agent may stay silent before its node is shown as stale (agents heartbeat every 5 s).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The kubeconfig actually in force: this setting, else the KUBECONFIG variable, else none.</summary>
    public string? EffectiveKubeconfig(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(Kubeconfig))
        {
            return Kubeconfig;
        }

        var fromEnvironment = environment("KUBECONFIG");
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Split(Path.PathSeparator)[0];
    }

    /// <summary>True when no cluster is configured: the console serves its own API and simulated nodes.</summary>
    public bool IsEmbedded => !InCluster && EffectiveKubeconfig(Environment.GetEnvironmentVariable) is null;

    /// <summary>
    /// True when agents authenticate with ServiceAccount tokens (TokenReview): set so, or by default with a real cluster.
    /// The embedded mode and docker-compose use the shared secret.
    /// </summary>
    public bool UsesAgentTokens => AgentAuth.Mode is { Length: > 0 } mode
        ? string.Equals(mode, AgentAuthModes.ServiceAccountToken, StringComparison.OrdinalIgnoreCase)
        : !IsEmbedded;

    /// <summary>The settings as configuration holds them, before the host is built.</summary>
    public static MultinetOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<MultinetOptions>() ?? new MultinetOptions();

    public string DataPath(string fileName) => Path.Combine(Path.GetFullPath(DataDir), fileName);
}
