using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;
using Multinet.TestSupport;

namespace Multinet.E2ETests.RealVpp;

/// <summary>
/// Two nodes, each a real VPP driven by a real agent process (<c>Agent__Dataplane=Vpp</c>), joined by an underlay link (a
/// memif pair between the two VPPs carrying the node addresses 192.168.77.1 and .2, configured with vppctl as a node's
/// host networking would be), and the console's embedded Kubernetes API (no simulated nodes) that both agents watch.
/// Pods are pinned with spec.nodeName; their network-status is written as Multus would; each pod's interface is a real
/// endpoint: libmemif's icmp_responder on the memif the agent created (it answers ARP and ping).
/// </summary>
internal sealed partial class TwoNodeCluster : IAsyncDisposable
{
    public const string BuildVariable = "MULTINET_VPP_BUILD";

    private readonly string _build;
    private readonly Dictionary<string, ChildProcess> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChildProcess> _pods = new(StringComparer.Ordinal);
    private HttpClient? _http;
    private readonly HashSet<string> _podNames = new(StringComparer.Ordinal);

    private TwoNodeCluster(string build, string root, WebProcess console, VppNode node1, VppNode node2)
    {
        _build = build;
        Root = root;
        Console = console;
        Nodes = new Dictionary<string, VppNode>(StringComparer.Ordinal) { ["node-1"] = node1, ["node-2"] = node2 };
        Kubectl = new Kubectl("/usr/bin/kubectl", console.KubeconfigPath!, Path.Combine(root, "kubectl-cache"));
    }

    public string Root { get; }

    public WebProcess Console { get; }

    public IReadOnlyDictionary<string, VppNode> Nodes { get; }

    public Kubectl Kubectl { get; }

    /// <summary>Underlay addresses of the nodes (the Node objects' InternalIP and the VXLAN endpoints).</summary>
    public static IReadOnlyDictionary<string, string> Underlay { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["node-1"] = "192.168.77.1",
        ["node-2"] = "192.168.77.2",
    };

    public static async Task<TwoNodeCluster> StartAsync(string build, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("mn-realvpp-").FullName;
        var node1 = await VppNode.StartAsync(build, Path.Combine(root, "node-1"), "mnvpp1", cancellationToken);
        var node2 = await VppNode.StartAsync(build, Path.Combine(root, "node-2"), "mnvpp2", cancellationToken);
        var console = await WebProcess.StartAsync(cancellationToken: cancellationToken);
        var cluster = new TwoNodeCluster(build, root, console, node1, node2);
        await cluster.ConfigureUnderlayAsync("node-1", cancellationToken);
        await cluster.ConfigureUnderlayAsync("node-2", cancellationToken);
        return cluster;
    }

    /// <summary>The node's underlay: its end of the memif pair (node-1 master, node-2 slave) with the node address, up.</summary>
    public async Task ConfigureUnderlayAsync(string node, CancellationToken cancellationToken)
    {
        var vpp = Nodes[node];
        var role = node == "node-1" ? "master" : "slave";
        foreach (var command in new[]
        {
            $"create memif socket id 1 filename {Path.Combine(Root, "underlay.sock")}",
            $"create interface memif id 0 socket-id 1 {role}",
            $"set interface ip address memif1/0 {Underlay[node]}/24",
            "set interface state memif1/0 up",
        })
        {
            var output = await vpp.CliAsync(command, cancellationToken);
            Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Starts (or restarts) the node's agent against its VPP, the console's API and gRPC endpoint.</summary>
    public ChildProcess StartAgent(string node)
    {
        var configuration = typeof(TwoNodeCluster).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";
        var dll = Path.Combine(WebProcess.RepositoryRoot, "src", "Agent", "bin", configuration, "net10.0", "Multinet.Agent.dll");
        var agent = ChildProcess.Start("dotnet", [dll], new Dictionary<string, string>
        {
            ["Agent__NodeName"] = node,
            ["Agent__Dataplane"] = "Vpp",
            ["Agent__VppApiSocket"] = Nodes[node].ApiSocket,
            ["Agent__Kubeconfig"] = Console.KubeconfigPath!,
            ["Agent__ConsoleUrl"] = Console.GrpcUrl.ToString(),
            ["Agent__ConsoleTokenFile"] = Path.Combine(Console.DataDir, "agent-secret"), // the console's generated agent secret
            ["Agent__HttpUrl"] = "http://127.0.0.1:0", // two agents on one machine: each its own health/metrics port
            // A Debug VPP on a busy machine serves the API on the thread that forwards: dump it less often than in production.
            ["Agent__ResyncInterval"] = "00:00:15",
            ["Agent__CountersInterval"] = "00:00:05",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Multinet.Agent.Reconciliation"] = "Debug",
        });
        _agents[node] = agent;
        return agent;
    }

    public async Task KillAgentAsync(string node)
    {
        if (_agents.Remove(node, out var agent))
        {
            await agent.DisposeAsync();
        }
    }

    /// <summary>Applies YAML with kubectl; fails with kubectl's message.</summary>
    public async Task ApplyAsync(string yaml, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Root, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml, cancellationToken);
        var result = await Kubectl.RunAsync(["apply", "-f", file], cancellationToken);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Writes each node's underlay address into its Node's status, as a kubelet reports it (a subresource apply leaves alone).</summary>
    public async Task PublishUnderlayAddressesAsync(CancellationToken cancellationToken)
    {
        foreach (var (node, address) in Underlay)
        {
            await KubectlAsync(cancellationToken, "patch", "node", node, "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"" + address + "\"}]}}");
        }
    }

    public async Task KubectlAsync(CancellationToken cancellationToken, params string[] args)
    {
        var result = await Kubectl.RunAsync(args, cancellationToken);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>The pod's memif socket (as the agent's planner names it) once VPP listens on it.</summary>
    public static string MemifSocket(string pod) => $"/run/vpp/memif/default-{pod}-memif1.sock";

    /// <summary>Starts the pod's endpoint on its memif: icmp_responder as slave, answering for its address.</summary>
    public void StartPod(string pod, string address, string mac)
    {
        var responder = Path.Combine(_build, "libmemif-build", "examples", "icmp_responder");
        _podNames.Add(pod);
        _pods[pod] = ChildProcess.Start(responder, ["-r", "slave", "-s", MemifSocket(pod), "-i", "0", "-a", address, "-m", mac]);
    }

    public bool PodRunning(string pod) => _pods.TryGetValue(pod, out var p) && !p.HasExited;

    public async Task StopPodAsync(string pod)
    {
        if (_pods.Remove(pod, out var responder))
        {
            await responder.DisposeAsync();
        }
    }

    /// <summary><c>GET /api/v1/nodes/{name}</c> of the console, in the admin's session.</summary>
    public async Task<JsonElement> NodeAsync(string node, CancellationToken cancellationToken)
    {
        _http ??= await Console.HttpClientAsync(cancellationToken);
        return await _http.GetFromJsonAsync<JsonElement>(new Uri(Console.BaseUrl, $"/api/v1/nodes/{node}"), cancellationToken);
    }

    /// <summary>Pings from the node's VPP in a table (VPP's ping plugin): (sent, received).</summary>
    public async Task<(int Sent, int Received, string Output)> PingAsync(string node, string address, uint table, int count, CancellationToken cancellationToken)
    {
        var output = await Nodes[node].CliAsync($"ping {address} table-id {table} repeat {count} interval 1", cancellationToken);
        var match = PingStatistics().Match(output);
        Assert.True(match.Success, output);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), output);
    }

    /// <summary>Waits for a condition (generous ceiling for a busy 2-core machine); fails with the last observation.</summary>
    public static async Task WaitForAsync(Func<Task<(bool Done, string Observed)>> condition, string what, TimeSpan ceiling, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ceiling);
        var observed = "";
        try
        {
            while (true)
            {
                (var done, observed) = await condition();
                if (done)
                {
                    return;
                }

                await Task.Delay(500, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Not within {ceiling}: {what}. Last seen: {observed}");
        }
    }

    public string Diagnostics() =>
        string.Join("\n", _agents.Select(a => $"--- agent {a.Key}\n{Tail(a.Value.Output)}").Concat(_pods.Select(p => $"--- pod {p.Key} (exited: {p.Value.HasExited})\n{Tail(p.Value.Output)}")));

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }

        foreach (var pod in _pods.Values)
        {
            await pod.DisposeAsync();
        }

        foreach (var node in Nodes.Values)
        {
            await node.DisposeAsync();
        }

        await Console.DisposeAsync();
        _http?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        foreach (var pod in _podNames)
        {
            File.Delete(MemifSocket(pod));
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    [GeneratedRegex(@"(\d+) sent, (\d+) received")]
    private static partial Regex PingStatistics();
}
