using System.Globalization;
using k8s;
using Multinet.E2ETests.Infrastructure;
using Multinet.Shared.Crds;

namespace Multinet.E2ETests.KubeApi;

/// <summary>kill -9 of the console loses no acknowledged write, and resourceVersions keep increasing after a restart.</summary>
public sealed class DurabilityTests : IDisposable
{
    private const int Count = 60;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("multinet-durability-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task KillMinus9_AfterConcurrentCreates_RestartKeepsEveryAcknowledgedNetworkAndNewerVersions()
    {
        var token = TestContext.Current.CancellationToken;
        var acknowledged = new Dictionary<string, long>();
        await using (var first = await WebProcess.StartAsync(cancellationToken: token, dataDir: _dataDir))
        {
            using var client = Client(first);
            var creates = Enumerable.Range(0, Count).Select(async i =>
            {
                var network = V3Network.Create($"durable-{i:D3}", 2000 + i, $"10.{i}.0.0/16");
                var created = await client.CustomObjects.CreateClusterCustomObjectAsync(network, CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
                    CrdConstants.NetworkPlural, cancellationToken: token);
                return (network.Metadata.Name, ResourceVersion(created));
            }).ToList();
            foreach (var (name, version) in await Task.WhenAll(creates))
            {
                acknowledged[name] = version;
            }

            await first.KillAsync(token);
        }

        await using var second = await WebProcess.StartAsync(cancellationToken: token, dataDir: _dataDir);
        using var restarted = Client(second);
        var list = await restarted.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, cancellationToken: token);
        var next = await restarted.CustomObjects.CreateClusterCustomObjectAsync(V3Network.Create("after-restart", 3000, "10.250.0.0/16"),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: token);

        var stored = list.Items.ToDictionary(n => n.Metadata.Name, n => long.Parse(n.Metadata.ResourceVersion, CultureInfo.InvariantCulture));
        Assert.Equal(Count, acknowledged.Count);
        foreach (var (name, version) in acknowledged)
        {
            Assert.True(stored.TryGetValue(name, out var kept), $"{name} (acknowledged at {version}) was lost");
            Assert.Equal(version, kept);
        }

        Assert.True(ResourceVersion(next) > acknowledged.Values.Max());
    }

    private static Kubernetes Client(WebProcess web) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(web.KubeconfigPath!));

    private static long ResourceVersion(object created) =>
        long.Parse(KubernetesJson.Deserialize<V3Network>(KubernetesJson.Serialize(created)).Metadata.ResourceVersion, CultureInfo.InvariantCulture);
}
