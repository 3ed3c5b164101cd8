using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;
using Multinet.Shared.Crds;

namespace Multinet.UnitTests.KubeApi;

public sealed class ObjectStoreTests(SmallWatchWindowServer server) : IClassFixture<SmallWatchWindowServer>
{
    [Fact]
    public async Task Publish_SlowWatcher_IsClosedWhileOthersGetEveryEvent()
    {
        using var timeout = NetworkWatchTests.Timeout();
        var store = server.Services.GetRequiredService<ObjectStore>();
        var prefix = KubeApiServer.UniqueName("fan");
        bool Mine(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>()?.StartsWith(prefix, StringComparison.Ordinal) == true;
        using var slow = store.Subscribe(BuiltInResources.Networks, null, store.Revision, Mine);
        using var fast = store.Subscribe(BuiltInResources.Networks, null, store.Revision, Mine);
        var received = new List<string>();

        for (var i = 0; i < 5; i++)   // the buffer holds two: the slow reader overflows on the third
        {
            await NetworkJson.CreateAsync(server.Client, V3Network.Create($"{prefix}-{i}", KubeApiServer.NextVni(), $"10.{150 + i}.0.0/16"), timeout.Token);
            received.Add((await fast.Live.ReadAsync(timeout.Token)).Key.Name);
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}"), received);
        await Assert.ThrowsAsync<WatcherOverflowException>(() => DrainAsync(slow, timeout.Token));
    }

    private static async Task DrainAsync(WatchSubscription subscription, CancellationToken cancellationToken)
    {
        await foreach (var _ in subscription.Live.ReadAllAsync(cancellationToken))
        {
        }
    }
}
