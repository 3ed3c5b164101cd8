using System.Net;
using k8s.Autorest;
using k8s.Models;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Embedded;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.Embedded;

public sealed class SimulatedClusterSetupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nodes_AreCreatedWithAddressesAndReady_SimulatedNodesBeyondTheCountAreRemoved_OthersKept()
    {
        await using var server = new EmbeddedTestServer();
        await server.InitializeAsync();
        await server.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "worker" } }, cancellationToken: Token);

        await SimulatedNodeObjects.SyncAsync(server.Client, 3, TimeProvider.System, Token);
        var three = await server.Client.CoreV1.ListNodeAsync(cancellationToken: Token);
        await SimulatedNodeObjects.SyncAsync(server.Client, 1, TimeProvider.System, Token);
        var one = await server.Client.CoreV1.ListNodeAsync(cancellationToken: Token);

        Assert.Equal(["node-1", "node-2", "node-3", "worker"], three.Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));
        var node2 = three.Items.Single(n => n.Metadata.Name == "node-2");
        Assert.Equal([("InternalIP", "10.0.0.2"), ("InternalIP", "fd00::2"), ("Hostname", "node-2")],
            node2.Status.Addresses.Select(a => (a.Type, a.Address)));
        Assert.Equal("True", node2.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("node-2", node2.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("true", node2.Metadata.Labels[SimulatedNodeObjects.SimulatedLabel]);
        Assert.Equal(["node-1", "worker"], one.Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DemoWorkload_IsSeededOnFirstStartOnly_DeletedDemoObjectsStayDeleted()
    {
        var dataDir = Directory.CreateTempSubdirectory("multinet-seed-").FullName;
        try
        {
            await using (var first = new EmbeddedTestServer(seedDemo: true, dataDir))
            {
                await first.InitializeAsync();
                await first.Services.GetRequiredService<SimulatedClusterHost>().Ready.WaitAsync(TimeSpan.FromSeconds(120), Token); // a ceiling reached only on failure

                var networks = await Networks(first.Client);
                var nads = (await first.Client.CustomObjects.ListNamespacedCustomObjectAsync(CniConstants.NadGroup, CniConstants.NadVersion,
                    "default", CniConstants.NadPlural, cancellationToken: Token)).ToString()!;
                var pods = await first.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Token);
                var service = await first.Client.CoreV1.ReadNamespacedServiceAsync("my-service", "default", cancellationToken: Token);
                await first.Client.CustomObjects.GetNamespacedCustomObjectAsync("crd.projectcalico.org", "v1", "default", "networkpolicies",
                    "my-policy", cancellationToken: Token);

                Assert.Equal(["blue", "red"], networks);
                Assert.Contains("network-blue-conf", nads, StringComparison.Ordinal);
                Assert.Contains("network-red-conf", nads, StringComparison.Ordinal);
                Assert.Equal(["memif-pod", "myapp-1", "myapp-2", "samplepod"], pods.Items.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
                Assert.Equal("network-blue-conf@eth1, network-red-conf@eth2",
                    pods.Items.Single(p => p.Metadata.Name == "samplepod").Metadata.Annotations["k8s.v1.cni.cncf.io/networks"]);
                Assert.Equal(2, pods.Items.Count(p => p.Metadata.Labels?.TryGetValue("app", out var app) == true && app == "MyApp"));
                Assert.Equal("blue", service.Metadata.Annotations["extensions.projectcalico.org/network"]);

                await first.Client.CoreV1.DeleteNamespacedPodAsync("samplepod", "default", cancellationToken: Token);
                await first.Client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
                    CrdConstants.NetworkPlural, "red", cancellationToken: Token);
            }

            await using var second = new EmbeddedTestServer(seedDemo: true, dataDir);
            await second.InitializeAsync();
            await second.Services.GetRequiredService<SimulatedClusterHost>().Ready.WaitAsync(TimeSpan.FromSeconds(120), Token); // a ceiling reached only on failure

            Assert.Equal(["blue"], await Networks(second.Client));
            var gone = await Assert.ThrowsAsync<HttpOperationException>(() =>
                second.Client.CoreV1.ReadNamespacedPodAsync("samplepod", "default", cancellationToken: Token));
            Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<IEnumerable<string>> Networks(IKubernetes client)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, cancellationToken: Token);
        return list.Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList();
    }
}
