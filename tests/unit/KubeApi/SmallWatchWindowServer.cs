namespace Multinet.UnitTests.KubeApi;

/// <summary>A server that keeps only three past events and lets a watcher fall two events behind.</summary>
public sealed class SmallWatchWindowServer() : KubeApiServer(new Dictionary<string, string?>
{
    ["Multinet:KubeApi:WatchHistory"] = "3",
    ["Multinet:KubeApi:WatcherBuffer"] = "2",
});
