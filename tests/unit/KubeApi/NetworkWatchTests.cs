using System.Runtime.CompilerServices;
using k8s.Models;
using k8s;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

public sealed class NetworkWatchTests(KubeApiServer server) : IClassFixture<KubeApiServer>
{
    [Fact]
    public async Task Watch_FromResourceVersion_DeliversOnlyLaterChangesInOrder()
    {
        using var timeout = Timeout();
        var name = KubeApiServer.UniqueName("watch");
        var created = await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.120.0.0/16"), timeout.Token);
        await server.Client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch("""{"spec":{"range":"10.121.0.0/16"}}""", V1Patch.PatchType.MergePatch),
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name, cancellationToken: timeout.Token);
        await server.Client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, name, cancellationToken: timeout.Token);

        var events = await TakeAsync(Watch(created.Metadata.ResourceVersion, bookmarks: false, timeout.Token), e => e.Network.Metadata.Name == name, 2);

        Assert.Equal([(WatchEventType.Modified, "10.121.0.0/16"), (WatchEventType.Deleted, "10.121.0.0/16")],
            events.Select(e => (e.Type, e.Network.Spec.Range!)));
    }

    [Fact]
    public async Task Watch_Live_SeesAChangeMadeAfterItStarted()
    {
        using var timeout = Timeout();
        var list = await server.Client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup,
            CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: timeout.Token);
        var name = KubeApiServer.UniqueName("live");
        await using var events = Watch(list.Metadata.ResourceVersion, bookmarks: true, timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await events.MoveNextAsync());   // the bookmark sent once the watch is registered
        Assert.Equal(WatchEventType.Bookmark, events.Current.Type);
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.122.0.0/16"), timeout.Token);
        do
        {
            Assert.True(await events.MoveNextAsync());
        }
        while (events.Current.Network.Metadata.Name != name);

        Assert.Equal(WatchEventType.Added, events.Current.Type);
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithAddedForEveryNetwork()
    {
        using var timeout = Timeout();
        var name = KubeApiServer.UniqueName("initial");
        await NetworkJson.CreateAsync(server.Client, V3Network.Create(name, KubeApiServer.NextVni(), "10.123.0.0/16"), timeout.Token);

        var events = await TakeAsync(Watch(null, bookmarks: false, timeout.Token), e => e.Network.Metadata.Name == name, 1);

        Assert.Equal(WatchEventType.Added, Assert.Single(events).Type);
    }

    private IAsyncEnumerable<(WatchEventType Type, V3Network Network)> Watch(string? resourceVersion, bool bookmarks, CancellationToken cancellationToken) =>
        WatchNetworks(server.Client, resourceVersion, bookmarks, cancellationToken);

    internal static async IAsyncEnumerable<(WatchEventType Type, V3Network Network)> WatchNetworks(IKubernetes client, string? resourceVersion, bool bookmarks,
        [EnumeratorCancellation] CancellationToken cancellationToken, Action<Exception>? onError = null)
    {
        await foreach (var (type, item) in client.CustomObjects.WatchListClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, allowWatchBookmarks: bookmarks, resourceVersion: resourceVersion, onError: onError, cancellationToken: cancellationToken))
        {
            yield return (type, NetworkJson.ToNetwork(item));
        }
    }

    internal static CancellationTokenSource Timeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure
        return source;
    }

    private static async Task<List<(WatchEventType Type, V3Network Network)>> TakeAsync(
        IAsyncEnumerable<(WatchEventType Type, V3Network Network)> events, Func<(WatchEventType Type, V3Network Network), bool> wanted, int count)
    {
        var taken = new List<(WatchEventType, V3Network)>();
        await foreach (var e in events)
        {
            if (e.Type != WatchEventType.Bookmark && wanted(e))
            {
                taken.Add(e);
                if (taken.Count == count)
                {
                    break;
                }
            }
        }

        return taken;
    }
}
