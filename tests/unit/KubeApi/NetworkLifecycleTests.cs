using System.Net;
using k8s.Autorest;
using k8s.Models;
using k8s;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

/// <summary>Finalizers, the status subresource and dry runs: what agents and the console rely on besides plain CRUD.</summary>
public sealed class NetworkLifecycleTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_WithFinalizer_StaysTerminatingUntilTheFinalizerIsRemoved()
    {
        var name = KubeApiServer.UniqueName("fin");
        var network = V3Network.Create(name, KubeApiServer.NextVni(), "10.160.0.0/16");
        network.Metadata.Finalizers = ["multinet.io/in-use"];
        await NetworkJson.CreateAsync(server.Client, network, Token);

        await server.Client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, name, cancellationToken: Token);
        var terminating = await NetworkJson.GetAsync(server.Client, name, Token);
        await Patch(name, """{"metadata":{"finalizers":null}}""");

        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => NetworkJson.GetAsync(server.Client, name, Token));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task StatusSubresource_PatchChangesOnlyStatus_AndMainResourceIgnoresStatus()
    {
        var name = KubeApiServer.UniqueName("status");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.161.0.0/16"), Token);

        var reported = NetworkJson.ToNetwork(await server.Client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch("""{"status":{"nodesReady":2,"nodesTotal":3},"spec":{"range":"10.250.0.0/16"}}""", V1Patch.PatchType.MergePatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));
        var edited = await Patch(name, """{"status":{"nodesReady":0},"spec":{"range":"10.162.0.0/16"}}""");

        Assert.Equal(2, reported.Status?.NodesReady);
        Assert.Equal("10.161.0.0/16", reported.Spec.Range);
        Assert.Equal(1, reported.Metadata.Generation);
        Assert.Equal(2, edited.Status?.NodesReady);
        Assert.Equal("10.162.0.0/16", edited.Spec.Range);
        Assert.Equal(2, edited.Metadata.Generation);
    }

    [Fact]
    public async Task Create_DryRun_ValidatesButStoresNothing()
    {
        var name = KubeApiServer.UniqueName("dry");

        await server.Client.CustomObjects.CreateClusterCustomObjectAsync(V3Network.Create(name, KubeApiServer.NextVni(), "10.163.0.0/16"),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, dryRun: "All", cancellationToken: Token);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => NetworkJson.GetAsync(server.Client, name, Token));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    private async Task<V3Network> Patch(string name, string mergePatch) =>
        NetworkJson.ToNetwork(await server.Client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: Token));
}
