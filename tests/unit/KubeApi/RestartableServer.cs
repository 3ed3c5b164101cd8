namespace Multinet.UnitTests.KubeApi;

/// <summary>A server on a data directory the test owns, so a second server can open the same store.</summary>
public sealed class RestartableServer(string dataDir) : KubeApiServer(new Dictionary<string, string?>(), dataDir);
