using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Configuration;
using Multinet.Web.Cluster;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Cluster;

/// <summary>The console's one Network watch, against an API server on loopback that streams what each test decides.</summary>
public sealed class NetworkWatchCacheTests : IAsyncLifetime
{
    private readonly LiveState _live = new(TimeProvider.System);
    private FakeKubernetesApi _api = null!;
    private ClusterAccess _access = null!;
    private NetworkWatchCache _cache = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync(Token);
        var options = Options.Create(new MultinetOptions { Kubeconfig = _api.WriteKubeconfig() });
        _access = new ClusterAccess(new ConfiguredKubeconfigSource(options));
        _cache = new NetworkWatchCache(_access, _live, TimeProvider.System, NullLogger<NetworkWatchCache>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _cache.StopAsync(CancellationToken.None);
        _cache.Dispose();
        _access.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Start_ListsThenWatchesFromTheListVersion_AndAppliesEvents()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));

        await _cache.StartAsync(Token);
        var watch = await _api.Watches.NextAsync();
        Assert.Equal("10", watch.ResourceVersion);
        await _live.WaitForAsync(s => s.Networks.ContainsKey("blue") && s.Cluster.Connected);

        await watch.SendAsync("ADDED", TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "11"));
        await watch.SendAsync("DELETED", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "12"));

        var snapshot = await _live.WaitForAsync(s => s.Networks.ContainsKey("red") && !s.Networks.ContainsKey("blue"));
        Assert.Equal(["red"], snapshot.Networks.Keys);
    }

    [Fact]
    public async Task Watch_ExpiredResourceVersion_RelistsAndDropsVanishedNetworks()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        await _cache.StartAsync(Token);
        var first = await _api.Watches.NextAsync();
        Assert.Null(await _api.Lists.NextAsync());
        await _live.WaitForAsync(s => s.Networks.ContainsKey("blue"));

        _api.SetState("30", TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "25"));
        await first.SendGoneAsync();
        first.End();

        Assert.Null(await _api.Lists.NextAsync());
        var second = await _api.Watches.NextAsync();
        Assert.Equal("30", second.ResourceVersion);
        var snapshot = await _live.WaitForAsync(s => s.Networks.ContainsKey("red") && !s.Networks.ContainsKey("blue"));
        Assert.Equal(["red"], snapshot.Networks.Keys);
    }

    [Fact]
    public async Task Watch_StreamEnds_ResumesWithoutRelisting()
    {
        _api.SetState("10");
        await _cache.StartAsync(Token);
        var first = await _api.Watches.NextAsync();
        Assert.Null(await _api.Lists.NextAsync());

        await first.SendAsync("ADDED", TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "14"));
        first.End();

        var second = await _api.Watches.NextAsync();
        Assert.Equal("14", second.ResourceVersion);
        Assert.False(_api.Lists.TryRead(out _));
    }

    [Fact]
    public async Task ApiFails_ShowsLostWithTheError_ThenConnectedAgainOnTheNextList()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        await _cache.StartAsync(Token);
        var first = await _api.Watches.NextAsync();
        await _live.WaitForAsync(s => s.Cluster.Connected);

        await first.SendBookmarkAsync("12");
        _api.FailWith(HttpStatusCode.ServiceUnavailable);
        first.End();
        var lost = await _live.WaitForAsync(s => !s.Cluster.Connected);

        Assert.StartsWith("Operation returned an invalid status code 'ServiceUnavailable'", lost.Cluster.Error, StringComparison.Ordinal);
        Assert.Equal(["blue"], lost.Networks.Keys); // the last data received stays
        Assert.NotNull(lost.Cluster.Since);

        _api.SetState("20", TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "18"));
        _api.FailWith(null);
        var back = await _live.WaitForAsync(s => s.Cluster.Connected);
        var second = await _api.Watches.NextAsync();

        Assert.Null(back.Cluster.Error);
        Assert.Equal("20", second.ResourceVersion); // listed again after the loss
        Assert.Equal(["red"], (await _live.WaitForAsync(s => s.Networks.ContainsKey("red"))).Networks.Keys);
    }
}
