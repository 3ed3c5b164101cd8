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
/// The agent's and the console's Network watches against a real kube-apiserver (enabled by
/// <c>MULTINET_KUBE_APISERVER_KUBECONFIG</c>, an admin kubeconfig), through a relay the test faults: every connection
/// dropped mid-watch, and the server unreachable (connections refused, as while it restarts) while Networks are
/// created, edited and deleted behind their back; and the server process itself restarted (in the .Restart part). Each
/// time both end up holding exactly the server's Networks.
/// </summary>
public sealed partial class RealApiServerWatchFaultTests : IAsyncLifetime
{
    private const string Variable = "MULTINET_KUBE_APISERVER_KUBECONFIG";
    private static readonly string? s_admin = Environment.GetEnvironmentVariable(Variable);
    private readonly string _dir = Directory.CreateTempSubdirectory("multinet-real-watch-faults-").FullName;
    private readonly string _prefix = $"wf-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly LiveState _live = new(TimeProvider.System);
    private readonly ClusterCache _agent = new(new ReconcileTrigger());
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private Kubernetes? _server;
    private FaultyTcpProxy? _proxy;
    private KubernetesClientProvider? _agentClients;
    private ClusterAccess? _consoleAccess;
    private NetworkWatchCache? _console;
    private Task _agentWatch = Task.CompletedTask;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(s_admin))
        {
            return;
        }

        var kubectl = new KubectlRunner(s_admin);
        var crd = Path.Combine(RepositoryRoot(), "deploy", "base", "crds", "networks.projectcalico.org.yaml");
        var applied = await kubectl.RunAsync(null, Token, "apply", "-f", crd);
        Assert.True(applied.ExitCode == 0, applied.Stderr);
        var established = await kubectl.RunAsync(null, Token, "wait", "--for", "condition=Established", "--timeout=120s", "crd/networks.projectcalico.org");
        Assert.True(established.ExitCode == 0, established.Stderr);

        var config = await File.ReadAllTextAsync(s_admin, Token);
        _server = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(s_admin));
        _proxy = new FaultyTcpProxy(int.Parse(ServerPort().Match(config).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var kubeconfig = Path.Combine(_dir, "through-proxy.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, ServerPort().Replace(config, $"127.0.0.1:{_proxy.Port}"), Token);

        _agentClients = new KubernetesClientProvider(Options.Create(new AgentOptions { NodeName = "node-1", Kubeconfig = kubeconfig }));
        _agentWatch = new KindWatchLoop<V3Network>(WatchedKinds.Networks, _agent.Networks, ct => _agentClients.GetClientAsync(ct).AsTask(), TimeProvider.System,
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

        if (_server is not null)
        {
            foreach (var network in await ServerNetworksAsync(CancellationToken.None))
            {
                if (network.Name.StartsWith(_prefix, StringComparison.Ordinal))
                {
                    await DeleteAsync(network.Name, CancellationToken.None);
                }
            }

            _server.Dispose();
        }

        _consoleAccess?.Dispose();
        _agentClients?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ConnectionsDropMidWatch_ChangesMadeMeanwhile_BothHoldTheServersNetworks()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(s_admin), $"{Variable} is not set: the watch faults against a real kube-apiserver are skipped.");
        await CreateAsync("a", 3100, Token);
        await CreateAsync("b", 3101, Token);
        await BothHoldTheServersAsync();

        _proxy!.Cut();
        await ChangeVniAsync("a", 3102, Token);
        await DeleteAsync($"{_prefix}-b", Token);
        await CreateAsync("c", 3103, Token);

        await BothHoldTheServersAsync();
    }

    [Fact]
    public async Task ServerUnreachableWhileNetworksChange_BothRelistAndHoldTheServersNetworks()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(s_admin), $"{Variable} is not set: the watch faults against a real kube-apiserver are skipped.");
        await CreateAsync("a", 3200, Token);
        await CreateAsync("b", 3201, Token);
        await BothHoldTheServersAsync();

        _proxy!.Refuse(); // what the watches see of a restarting server: every connection closed, new ones too
        for (var i = 0; i < 20; i++)
        {
            await CreateAsync($"n{i}", 3210 + i, Token);
        }

        await ChangeVniAsync("a", 3202, Token);
        await DeleteAsync($"{_prefix}-b", Token);
        await DeleteAsync($"{_prefix}-n3", Token);
        _proxy.Accept();

        await BothHoldTheServersAsync();
    }

    private async Task CreateAsync(string suffix, long vni, CancellationToken cancellationToken) =>
        await NetworkJson.CreateAsync(_server!, V3Network.Create($"{_prefix}-{suffix}", vni, $"10.{vni % 250}.{vni / 250 % 250}.0/24"), cancellationToken);

    private async Task ChangeVniAsync(string suffix, long vni, CancellationToken cancellationToken)
    {
        var network = await NetworkJson.GetAsync(_server!, $"{_prefix}-{suffix}", cancellationToken);
        network.Spec.Vni = vni;
        await _server!.CustomObjects.ReplaceClusterCustomObjectAsync(network, CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, network.Metadata.Name, cancellationToken: cancellationToken);
    }

    private Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        _server!.CustomObjects.DeleteClusterCustomObjectAsync(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, name,
            cancellationToken: cancellationToken);

    private async Task<List<(string Name, long Vni)>> ServerNetworksAsync(CancellationToken cancellationToken)
    {
        var list = await _server!.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
            CrdConstants.NetworkPlural, cancellationToken: cancellationToken);
        return [.. list.Items.Select(n => (n.Metadata.Name, n.Spec?.Vni ?? 0)).OrderBy(n => n.Name, StringComparer.Ordinal)];
    }

    /// <summary>Waits until the agent's cache and the console's live state both hold exactly the Networks the server lists now.</summary>
    private async Task BothHoldTheServersAsync()
    {
        var want = await ServerNetworksAsync(Token);
        Assert.Contains(want, n => n.Name.StartsWith(_prefix, StringComparison.Ordinal));
        await _live.WaitForAsync(s => s.Networks.Values.Select(n => (n.Metadata.Name, n.Spec.Vni ?? 0)).OrderBy(e => e.Name, StringComparer.Ordinal).SequenceEqual(want));

        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ceiling.CancelAfter(TimeSpan.FromSeconds(120)); // reached only on failure
        while (true)
        {
            var version = _agent.Version;
            if (_agent.Snapshot().Networks.Select(n => (n.Metadata.Name, n.Spec.Vni ?? 0)).OrderBy(e => e.Name, StringComparer.Ordinal).SequenceEqual(want))
            {
                return;
            }

            await _agent.WaitForChangeAsync(version, ceiling.Token);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Multinet.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Multinet.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex ServerPort();
}
