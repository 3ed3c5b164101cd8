namespace Multinet.UnitTests.Web.KubeApi;

/// <summary>A server that keeps only three past events, so a watch can fall out of the window.</summary>
public sealed class SmallWatchWindowServer() : KubeApiServer(new Dictionary<string, string?> { ["Multinet:KubeApi:WatchHistory"] = "3" });
