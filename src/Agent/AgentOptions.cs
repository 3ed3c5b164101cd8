using Multinet.Agent.Dataplane;

namespace Multinet.Agent;

/// <summary>How a node agent runs: which node it speaks for, where the API server and the console are, and its driver.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>The node this agent speaks for. Defaults to the NODE_NAME variable (set by the DaemonSet), else the machine name.</summary>
    public string NodeName { get; set; } = Environment.GetEnvironmentVariable("NODE_NAME") is { Length: > 0 } nodeName
        ? nodeName
        : Environment.MachineName;

    /// <summary>The console's gRPC endpoint; plain http means HTTP/2 without TLS.</summary>
    public string ConsoleUrl { get; set; } = "http://127.0.0.1:5081";

    /// <summary>
    /// A kubeconfig file. Null: the in-cluster service account when KUBERNETES_SERVICE_HOST is set, else the default kubeconfig.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>
    /// A file holding the credential the agent presents to the console, read again at every connect: in a cluster the
    /// projected ServiceAccount token (audience multinet-console) the kubelet refreshes; elsewhere the console's
    /// generated agent secret.
    /// </summary>
    public string? ConsoleTokenFile { get; set; }

    /// <summary>The credential itself, when it is not in a file (the console's own simulated nodes). Never logged.</summary>
    public string? ConsoleToken { get; set; }

    /// <summary>The agent's own HTTP endpoint for /healthz, /readyz and /metrics (the standalone agent only).</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:9090";

    /// <summary>The dataplane driver: <see cref="DataplaneKinds.Simulated"/> or <see cref="DataplaneKinds.Vpp"/>.</summary>
    public string Dataplane { get; set; } = DataplaneKinds.Simulated;

    /// <summary>VPP's binary API socket (the <c>socksvr { socket-name }</c> of startup.conf), used by the Vpp driver.</summary>
    public string VppApiSocket { get; set; } = "/run/vpp/api.sock";

    /// <summary>How often the agent reconciles even when nothing changed, to repair drift.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the agent re-reads the dataplane's counters and republishes its inventory without reconciling,
    /// so the console sees counters move. On the simulated dataplane this also drives its traffic generator.
    /// </summary>
    public TimeSpan CountersInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the agent tells the console it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a kind the API server does not serve (404 on list, e.g. a CRD not installed) is listed again.</summary>
    public TimeSpan MissingKindRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether this agent takes part in the election for the cluster controllers (EndpointSlices, Network status).</summary>
    public bool ControllersEnabled { get; set; } = true;

    /// <summary>The namespace of the controllers' coordination.k8s.io Lease ("multinet-controllers").</summary>
    public string LeaseNamespace { get; set; } = "kube-system";

    /// <summary>How long a leader's Lease holds after its last renewal before another agent may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a leader keeps trying to renew before it gives leadership up.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire, and leaders renew, the Lease.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
