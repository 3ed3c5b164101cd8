using System.Text.RegularExpressions;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.Agent;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Kube;
using Multinet.Shared.Crds;
using Multinet.UnitTests.KubeApi;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Cluster;
using Multinet.Web.Configuration;
using Multinet.Web.State;

namespace Multinet.UnitTests.Kube;

/// <summary>
/// The agent's and the console's Network watches against the embedded API, through a relay the test can fault: the API
/// restarts (on its store, with changes made before either watch is back), the connection drops, and a watch falls out
/// of the API's event window so it is answered 410 Gone. Each time both end up holding exactly what the API holds: a
/// change made while they were away is never missed, and the agent's watch relisted where it had to.
/// </summary>
public sealed partial class WatchFaultTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("multinet-watch-faults-").FullName;
    private readonly LiveState _live = new(TimeProvider.System);
    private readonly ClusterCache _agent = new(new ReconcileTrigger());
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private FaultServer _server = null!;
    private FaultyTcpProxy _proxy = null!;
    private CountingSink _agentSink = null!;
    private KubernetesClientProvider? _agentClients;
    private ClusterAccess? _consoleAccess;
    private NetworkWatchCache? _console;
    private Task _agentWatch = Task.CompletedTask;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FaultServer.StartAsync(_dataDir);
        _proxy = new FaultyTcpProxy(_server.Info.ServerUrl.Port);
        var kubeconfig = Path.Combine(_dataDir, "through-proxy.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, ServerPort().Replace(await File.ReadAllTextAsync(_server.Info.KubeconfigPath, Token), $"127.0.0.1:{_proxy.Port}"), Token);

        _agentClients = new KubernetesClientProvider(Options.Create(new AgentOptions { NodeName = "node-1", Kubeconfig = kubeconfig }));
        _agentSink = new CountingSink(_agent.Networks);
        _agentWatch = new KindWatchLoop<V3Network>(WatchedKinds.Networks, _agentSink, ct => _agentClients.GetClientAsync(ct).AsTask(), TimeProvider.System,
            NullLogger.Instance, TimeSpan.FromMinutes(1)).RunAsync(_stop.Token);
        _consoleAccess = new ClusterAccess(new ConfiguredKubeconfigSource(Options.Create(new MultinetOptions { Kubeconfig = kubeconfig })));
        _console = new NetworkWatchCache(_consoleAccess, _live, TimeProvider.System, NullLogger<NetworkWatchCache>.Instance);
        await _console.StartAsync(Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _agentWatch;
        if (_console is not null)
        {
            await _console.StopAsync(CancellationToken.None);
            _console.Dispose();
        }

        _consoleAccess?.Dispose();
        _agentClients?.Dispose();
        await _proxy.DisposeAsync();
        await _server.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task ApiRestarts_ChangesMadeBeforeTheWatchesAreBack_BothSeeExactlyWhatTheApiHolds()
    {
        await CreateAsync("blue", 10);
        await CreateAsync("red", 11);
        await BothHoldAsync(("blue", 10), ("red", 11));

        await _server.DisposeAsync();           // the API stops: every watch connection breaks
        _server = await FaultServer.StartAsync(_dataDir);
        _proxy.Target = _server.Info.ServerUrl.Port;
        await CreateAsync("green", 12);
        await ChangeVniAsync("blue", 13);
        await _server.Client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural,
            "red", cancellationToken: Token);

        await BothHoldAsync(("blue", 13), ("green", 12));
        Assert.True(_agentSink.Lists >= 2, $"the agent relisted after the restart ({_agentSink.Lists} lists)");
    }

    [Fact]
    public async Task ConnectionDrops_ChangesMadeMeanwhile_BothCatchUp()
    {
        await CreateAsync("blue", 20);
        await BothHoldAsync(("blue", 20));

        _proxy.Cut();
        await ChangeVniAsync("blue", 21);
        await CreateAsync("red", 22);

        await BothHoldAsync(("blue", 21), ("red", 22));
    }

    [Fact]
    public async Task WatchFallsOutOfTheEventWindow_410Gone_BothRelistAndMissNothing()
    {
        await CreateAsync("blue", 30);
        await CreateAsync("red", 31);
        await BothHoldAsync(("blue", 30), ("red", 31));
        var lists = _agentSink.Lists;

        _proxy.Refuse();                        // away long enough for the API's window (three events) to move past them
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync($"extra-{i}", 40 + i);
        }

        await _server.Client.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural,
            "red", cancellationToken: Token);
        _proxy.Accept();

        await BothHoldAsync(("blue", 30), ("extra-0", 40), ("extra-1", 41), ("extra-2", 42), ("extra-3", 43));
        Assert.True(_agentSink.Lists > lists, "the agent's watch was answered 410 Gone and relisted");
    }

    private Task CreateAsync(string name, long vni) =>
        NetworkJson.CreateAsync(_server.Client, V3Network.Create(name, vni, $"10.{vni}.0.0/16"), Token);

    private async Task ChangeVniAsync(string name, long vni)
    {
        var network = await NetworkJson.GetAsync(_server.Client, name, Token);
        network.Spec.Vni = vni;
        await _server.Client.CustomObjects.ReplaceClusterCustomObjectAsync(network, CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, name, cancellationToken: Token);
    }

    /// <summary>Waits until the agent's cache and the console's live state both hold exactly these Networks with these VNIs.</summary>
    private async Task BothHoldAsync(params (string Name, long Vni)[] expected)
    {
        var want = expected.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        await _live.WaitForAsync(s => s.Networks.Values.Select(n => (n.Metadata.Name, n.Spec.Vni ?? 0)).OrderBy(e => e.Name, StringComparer.Ordinal).SequenceEqual(want));

        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ceiling.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure
        while (true)
        {
            var version = _agent.Version;
            var held = _agent.Snapshot().Networks.Select(n => (n.Metadata.Name, n.Spec.Vni ?? 0)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            if (held.SequenceEqual(want))
            {
                return;
            }

            await _agent.WaitForChangeAsync(version, ceiling.Token);
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:\d+")]
    private static partial Regex ServerPort();

    /// <summary>The embedded API on a data directory a second one can reopen, keeping three past events (a small window).</summary>
    private sealed class FaultServer(string dataDir) : KubeApiServer(new Dictionary<string, string?> { ["Multinet:KubeApi:WatchHistory"] = "3" }, dataDir)
    {
        public static async Task<FaultServer> StartAsync(string dataDir)
        {
            var server = new FaultServer(dataDir);
            await server.InitializeAsync();
            return server;
        }
    }

    /// <summary>The agent cache's Network sink, counting the full lists it is handed.</summary>
    private sealed class CountingSink(IKindSink<V3Network> inner) : IKindSink<V3Network>
    {
        private int _lists;

        public int Lists => Volatile.Read(ref _lists);

        public void Replace(IEnumerable<V3Network> items)
        {
            Interlocked.Increment(ref _lists);
            inner.Replace(items);
        }

        public void Upsert(V3Network item) => inner.Upsert(item);

        public void Delete(V3Network item) => inner.Delete(item);
    }
}
