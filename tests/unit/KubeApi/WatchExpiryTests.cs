using System.Net;
using k8s;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

public sealed class WatchExpiryTests(SmallWatchWindowServer server) : IClassFixture<SmallWatchWindowServer>
{
    [Fact]
    public async Task Watch_FromResourceVersionOutsideTheWindow_Fails410Expired()
    {
        using var timeout = NetworkWatchTests.Timeout();
        var first = await NetworkJson.CreateAsync(server.Client, V3Network.Create(KubeApiServer.UniqueName("old"), KubeApiServer.NextVni(), "10.130.0.0/16"), timeout.Token);
        for (var i = 0; i < 4; i++)   // the server keeps three events: these push the first one out
        {
            await NetworkJson.CreateAsync(server.Client, V3Network.Create(KubeApiServer.UniqueName("new"), KubeApiServer.NextVni(), $"10.{131 + i}.0.0/16"), timeout.Token);
        }

        // Like kube-apiserver, the watch answers with one ERROR event carrying Status 410 Expired; KubernetesClient
        // reports it through onError (as a KubernetesException) and ends the stream.
        var errors = new List<Exception>();
        await foreach (var e in NetworkWatchTests.WatchNetworks(server.Client, first.Metadata.ResourceVersion, bookmarks: false, timeout.Token, errors.Add))
        {
            Assert.Fail($"Unexpected {e.Type} event for {e.Network.Metadata.Name}.");
        }

        var error = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal((int)HttpStatusCode.Gone, error.Status.Code);
        Assert.Equal("Expired", error.Status.Reason);
    }

    [Fact]
    public async Task Watch_FromCurrentRevisionAfterExpiry_Works()
    {
        using var timeout = NetworkWatchTests.Timeout();
        var list = await server.Client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup,
            CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: timeout.Token);
        var name = KubeApiServer.UniqueName("fresh");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.140.0.0/16"), timeout.Token);

        await foreach (var (type, network) in NetworkWatchTests.WatchNetworks(server.Client, list.Metadata.ResourceVersion, bookmarks: false, timeout.Token))
        {
            Assert.Equal(name, network.Metadata.Name);
            Assert.Equal(k8s.WatchEventType.Added, type);
            break;
        }
    }
}
