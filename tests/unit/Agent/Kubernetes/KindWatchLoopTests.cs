using System.Net;
using System.Threading.Channels;
using Multinet.Kube;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.Agent;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Crds;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Kubernetes;

public sealed class KindWatchLoopTests : IAsyncLifetime
{
    private readonly ReconcileTrigger _trigger = new();
    private FakeKubernetesApi _api = null!;
    private KubernetesClientProvider _clients = null!;
    private string _kubeconfig = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync(Token);
        _kubeconfig = _api.WriteKubeconfig();
        _clients = new KubernetesClientProvider(Options.Create(new AgentOptions { NodeName = "node-1", Kubeconfig = _kubeconfig }));
    }

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    private (Task Run, CancellationTokenSource Stop, ClusterCache Cache) StartNetworks(IWatchConnectionObserver? connection = null)
    {
        var cache = new ClusterCache(_trigger);
        var loop = new KindWatchLoop<V3Network>(WatchedKinds.Networks, cache.Networks, ct => _clients.GetClientAsync(ct).AsTask(), TimeProvider.System,
            NullLogger.Instance, TimeSpan.FromMinutes(1), connection);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        return (loop.RunAsync(stop.Token), stop, cache);
    }

    private static IEnumerable<string> Names(ClusterCache cache) => cache.Snapshot().Networks.Select(n => n.Metadata.Name).Order();

    [Fact]
    public async Task Watch_StreamEnds_ResumesFromLastResourceVersionWithoutListing()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        var (run, stop, cache) = StartNetworks();

        Assert.Null(await _api.Lists.NextAsync());
        var first = await _api.Watches.NextAsync();
        Assert.True(_trigger.TryConsume());
        await first.SendAsync("ADDED", TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "11"));
        await first.SendAsync("MODIFIED", TestNetworks.Make("blue", 57, "172.19.0.0/16", generation: 2, resourceVersion: "12"));
        await first.SendBookmarkAsync("15");
        first.End();
        var second = await _api.Watches.NextAsync();
        await stop.CancelAsync();
        await run;

        Assert.Equal("10", first.ResourceVersion);
        Assert.True(first.AllowBookmarks);
        Assert.Equal("15", second.ResourceVersion);
        Assert.False(_api.Lists.TryRead(out _)); // resumed, not re-listed
        Assert.Equal(["blue", "red"], Names(cache));
        Assert.Equal(57, cache.Snapshot().Networks.Single(n => n.Metadata.Name == "blue").Spec.Vni);
        Assert.True(_trigger.TryConsume());
    }

    [Fact]
    public async Task Watch_GoneInStream_RelistsAndDropsWhatVanished()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"), TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "6"));
        var (run, stop, cache) = StartNetworks();

        await _api.Lists.NextAsync();
        var first = await _api.Watches.NextAsync();
        Assert.Equal(["blue", "red"], Names(cache));
        _trigger.TryConsume();
        _api.SetState("20", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"), TestNetworks.Make("green", 77, "fd00:19::/64", resourceVersion: "18"));
        await first.SendGoneAsync();
        var relist = await _api.Lists.NextAsync();
        var second = await _api.Watches.NextAsync();
        await stop.CancelAsync();
        await run;

        Assert.Null(relist);
        Assert.Equal("20", second.ResourceVersion);
        Assert.Equal(["blue", "green"], Names(cache));
        Assert.True(_trigger.TryConsume());
    }

    [Fact]
    public async Task Watch_DeletedEvent_RemovesAndTriggers()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        var (run, stop, cache) = StartNetworks();

        await _api.Lists.NextAsync();
        var first = await _api.Watches.NextAsync();
        _trigger.TryConsume();
        await first.SendAsync("DELETED", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "13"));
        first.End();
        var second = await _api.Watches.NextAsync();
        await stop.CancelAsync();
        await run;

        Assert.Equal("13", second.ResourceVersion);
        Assert.Empty(cache.Snapshot().Networks);
        Assert.True(_trigger.TryConsume());
    }

    [Fact]
    public async Task Watcher_KindsTheServerDoesNotServe_CountAsEmptyAndTheViewSyncs()
    {
        // The fake serves Networks only: NADs, Pods, Nodes, Services and policies answer 404.
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        var cache = new ClusterCache(_trigger);
        var options = Options.Create(new AgentOptions { NodeName = "node-1", Kubeconfig = _kubeconfig });
        using var watcher = new ClusterWatcher(_clients, cache, options, TimeProvider.System, NullLogger<ClusterWatcher>.Instance);

        await watcher.StartAsync(Token);
        await _api.Watches.NextAsync();
        for (var version = cache.Version; !cache.IsSynced; version = cache.Version)
        {
            await cache.WaitForChangeAsync(version, Token).WaitAsync(TimeSpan.FromSeconds(120), Token); // a ceiling reached only on failure
        }

        await watcher.StopAsync(Token);

        var view = cache.Snapshot();
        Assert.Equal(["blue"], view.Networks.Select(n => n.Metadata.Name));
        Assert.Empty(view.Nads);
        Assert.Empty(view.Pods);
        Assert.Empty(view.Nodes);
        Assert.Empty(view.Services);
        Assert.Empty(view.Policies);
    }

    [Fact]
    public async Task Connection_FirstListIsConnected_AFailureIsLostWithItsError_TheNextListIsRecovered()
    {
        _api.SetState("10", TestNetworks.Make("blue", 56, "172.19.0.0/16", resourceVersion: "5"));
        var connection = new RecordingConnection();
        var (run, stop, cache) = StartNetworks(connection);

        Assert.Equal("connected", await connection.States.NextAsync());
        var first = await _api.Watches.NextAsync();
        await first.SendAsync("ADDED", TestNetworks.Make("red", 88, "172.20.0.0/16", resourceVersion: "11"));
        _api.FailWith(HttpStatusCode.ServiceUnavailable);
        first.End();

        var lost = await connection.States.NextAsync();
        _api.SetState("20", TestNetworks.Make("green", 77, "fd00:19::/64", resourceVersion: "18"));
        _api.FailWith(null);
        var recovered = await connection.States.NextAsync();
        while (recovered.StartsWith("lost: ", StringComparison.Ordinal))
        {
            recovered = await connection.States.NextAsync(); // failures during the backoff are each reported
        }

        var second = await _api.Watches.NextAsync();
        await stop.CancelAsync();
        await run;

        Assert.StartsWith("lost: ", lost, StringComparison.Ordinal);
        Assert.Contains("ServiceUnavailable", lost, StringComparison.Ordinal);
        Assert.Equal("recovered", recovered);
        Assert.Equal("20", second.ResourceVersion);
        Assert.Equal(["green"], Names(cache));
        Assert.False(connection.States.TryRead(out var extra), $"unexpected {extra}"); // events after the first do not repeat "connected"
    }

    [Fact]
    public async Task Connection_AKindTheServerDoesNotServe_CountsAsConnected()
    {
        var connection = new RecordingConnection();
        var cache = new ClusterCache(_trigger);
        var loop = new KindWatchLoop<V1NetworkAttachmentDefinition>(WatchedKinds.Nads, cache.Nads, ct => _clients.GetClientAsync(ct).AsTask(),
            TimeProvider.System, NullLogger.Instance, TimeSpan.FromMinutes(1), connection);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var run = loop.RunAsync(stop.Token); // the fake answers 404 for NADs
        var state = await connection.States.NextAsync();
        await stop.CancelAsync();
        await run;

        Assert.Equal("connected", state);
        Assert.Empty(cache.Snapshot().Nads);
    }

    private sealed class RecordingConnection : IWatchConnectionObserver
    {
        private readonly Channel<string> _states = Channel.CreateUnbounded<string>();

        public ChannelReader<string> States => _states.Reader;

        public void Connected() => _states.Writer.TryWrite("connected");

        public void Lost(Exception error) => _states.Writer.TryWrite($"lost: {error.Message}");

        public void Recovered() => _states.Writer.TryWrite("recovered");
    }
}
