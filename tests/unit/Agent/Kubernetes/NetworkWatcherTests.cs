using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.Agent;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Kubernetes;

public sealed class NetworkWatcherTests : IAsyncLifetime
{
    private FakeKubernetesApi _api = null!;
    private string _kubeconfig = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync(Token);
        _kubeconfig = _api.WriteKubeconfig();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    private (NetworkWatcher Watcher, NetworkCache Cache, ReconcileTrigger Trigger, KubernetesClientProvider Clients) CreateWatcher()
    {
        var options = Options.Create(new AgentOptions { NodeName = "node-1", Kubeconfig = _kubeconfig });
        var clients = new KubernetesClientProvider(options);
        var cache = new NetworkCache();
        var trigger = new ReconcileTrigger();
        return (new NetworkWatcher(clients, cache, trigger, TimeProvider.System, NullLogger<NetworkWatcher>.Instance), cache, trigger, clients);
    }

    [Fact]
    public async Task Watch_StreamEnds_ResumesFromLastResourceVersionWithoutListing()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        var (watcher, cache, trigger, clients) = CreateWatcher();
        using var _ = clients;
        using var __ = watcher;

        await watcher.StartAsync(Token);
        Assert.Null(await _api.Lists.NextAsync());
        var first = await _api.Watches.NextAsync();
        Assert.True(cache.IsSynced);
        Assert.True(trigger.TryConsume());
        await first.SendAsync("ADDED", TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "11"));
        await first.SendAsync("MODIFIED", TestNetworks.Make("blue", 57, "172.19.0.0/16", generation: 2, resourceVersion: "12"));
        await first.SendBookmarkAsync("15");
        first.End();
        var second = await _api.Watches.NextAsync();
        await watcher.StopAsync(Token);

        Assert.Equal("10", first.ResourceVersion);
        Assert.True(first.AllowBookmarks);
        Assert.Equal("15", second.ResourceVersion);
        Assert.False(_api.Lists.TryRead(out var _)); // resumed, not re-listed
        Assert.Equal(57, cache.Get("blue")?.Spec.Vni);
        Assert.Equal(88, cache.Get("red")?.Spec.Vni);
        Assert.True(trigger.TryConsume());
    }

    [Fact]
    public async Task Watch_Gone_RelistsAndDropsNetworksThatVanished()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"), TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "6"));
        var (watcher, cache, trigger, clients) = CreateWatcher();
        using var _ = clients;
        using var __ = watcher;

        await watcher.StartAsync(Token);
        await _api.Lists.NextAsync();
        var first = await _api.Watches.NextAsync();
        Assert.NotNull(cache.Get("red"));
        trigger.TryConsume();
        _api.SetState("20", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"), TestNetworks.Make("green", 77, "fd00:19::/64", resourceVersion: "18"));
        await first.SendGoneAsync();
        first.End();
        var relist = await _api.Lists.NextAsync();
        var second = await _api.Watches.NextAsync();
        await watcher.StopAsync(Token);

        Assert.Null(relist);
        Assert.Equal("20", second.ResourceVersion);
        Assert.Equal(["blue", "green"], cache.Snapshot().Select(n => n.Metadata.Name).Order());
        Assert.True(trigger.TryConsume());
    }

    [Fact]
    public async Task Watch_DeletedEvent_RemovesFromCacheAndTriggers()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        var (watcher, cache, trigger, clients) = CreateWatcher();
        using var _ = clients;
        using var __ = watcher;

        await watcher.StartAsync(Token);
        await _api.Lists.NextAsync();
        var first = await _api.Watches.NextAsync();
        trigger.TryConsume();
        await first.SendAsync("DELETED", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "13"));
        first.End();
        var second = await _api.Watches.NextAsync();
        await watcher.StopAsync(Token);

        Assert.Equal("13", second.ResourceVersion);
        Assert.Empty(cache.Snapshot());
        Assert.True(trigger.TryConsume());
    }
}
