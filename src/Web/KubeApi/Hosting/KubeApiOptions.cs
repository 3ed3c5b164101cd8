namespace Multinet.Web.KubeApi.Hosting;

/// <summary>Tuning of the embedded API, bound from <c>Multinet:KubeApi</c>. The token is <c>Multinet:ApiToken</c>.</summary>
public sealed class KubeApiOptions
{
    public const string SectionName = "Multinet:KubeApi";

    /// <summary>Loopback port of the API's HTTPS endpoint (kubectl needs TLS to send its token); 0 = any free port.</summary>
    public int Port { get; set; }

    /// <summary>How many past events are kept for watches that resume from a resourceVersion; older ones get 410 Expired.</summary>
    public int WatchHistory { get; set; } = 10_000;

    /// <summary>How many events one watcher may fall behind before it is closed (the client then re-lists).</summary>
    public int WatcherBuffer { get; set; } = 1_000;

    /// <summary>How often a watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);
}
