namespace Multinet.KubeApi.Hosting;

/// <summary>Tuning of the embedded API, bound from <c>Multinet:KubeApi</c>. The token is <c>Multinet:ApiToken</c>.</summary>
public sealed class KubeApiOptions
{
    public const string SectionName = "Multinet:KubeApi";

    /// <summary>Loopback port of the API's HTTPS endpoint (kubectl needs TLS to send its token); 0 = any free port.</summary>
    public int Port { get; set; }

    /// <summary>Where the API keeps its store, certificate, token and kubeconfig; the host sets it (the console: its data directory).</summary>
    public string DataDir { get; set; } = ".multinet";

    /// <summary>An address the host serves that is not this API (the console's HTTP/2-only gRPC endpoint): never written into the kubeconfig.</summary>
    public string? ExcludedUrl { get; set; }

    /// <summary>The address the HTTPS endpoint binds: loopback by default; <c>0.0.0.0</c> where agents run elsewhere (containers).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The host name or address written into the kubeconfig and the certificate (besides localhost and the loopback
    /// addresses); 127.0.0.1 when unset. Set it when clients reach the console by another name, e.g. <c>web</c> in Compose.
    /// </summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>How many past events are kept for watches that resume from a resourceVersion; older ones get 410 Expired.</summary>
    public int WatchHistory { get; set; } = 10_000;

    /// <summary>How many events one watcher may fall behind before it is closed (the client then re-lists).</summary>
    public int WatcherBuffer { get; set; } = 1_000;

    /// <summary>How often a watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether KubeVirt's VirtualMachine and VirtualMachineInstance kinds are served, as on a cluster with KubeVirt
    /// installed; false answers 404 for them, as a cluster without KubeVirt does.
    /// </summary>
    public bool ServeKubeVirt { get; set; } = true;

    public string DataPath(string fileName) => Path.Combine(Path.GetFullPath(DataDir), fileName);
}
