using System.Diagnostics;
using System.Globalization;
using Multinet.AgentKillDrill;
using Multinet.TestSupport;

// Kill -9 drill for the agent: a real agent process drives a real VPP (MULTINET_VPP_BUILD names the build) and watches the
// console's embedded Kubernetes API. Each round starts the agent, makes random Network and pod changes with kubectl (create,
// VNI edit, delete) while it applies them, SIGKILLs it at a random moment, makes the rest of the changes, starts it again and
// waits until VPP holds exactly what the objects want. It then counts, from vppctl: duplicate tunnels, leaked interfaces
// (loopbacks, memifs, tunnels nothing wants), memif sockets left behind and VRFs of deleted Networks (or of old VNIs).
// Usage: AgentKillDrill [rounds=100] [seed=1]
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var build = Environment.GetEnvironmentVariable("MULTINET_VPP_BUILD");
if (string.IsNullOrEmpty(build))
{
    Console.WriteLine("MULTINET_VPP_BUILD is not set: no VPP to drill against (it names the VPP build's output directory). Nothing run.");
    return 2;
}

var repository = FindRepository();
var root = Directory.CreateTempSubdirectory("mn-killdrill-").FullName;
var random = new Random(seed);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var token = stop.Token;

await using var vpp = await DrillVpp.StartAsync(build, Path.Combine(root, "vpp"), token);
await vpp.CliAsync("create loopback interface", token); // the node's underlay address, as its host networking would give it
await vpp.CliAsync("set interface ip address loop0 192.168.77.1/24", token);
await vpp.CliAsync("set interface state loop0 up", token);
var baseline = await vpp.CensusAsync(token);

var configuration = typeof(DrillAgent).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
    .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";
var web = Path.Combine(repository, "src", "Web", "bin", configuration, "net10.0");
// Port 0: the console binds free ports itself and says which ("agents' gRPC endpoint on ..."); nothing can take them first.
await using var console = ChildProcess.Start("dotnet",
    [Path.Combine(web, "Multinet.Web.dll"), "--urls", "http://127.0.0.1:0", "--Multinet:GrpcUrl", "http://127.0.0.1:0",
        "--Multinet:DataDir", Path.Combine(root, "console"), "--Multinet:SimulatedNodes", "0", "--Multinet:SeedDemo", "false"],
    new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "simple" }, web);
var grpcUrl = await console.WaitForLineAsync("agents' gRPC endpoint on", TimeSpan.FromMinutes(5), token);
var kubeconfig = await console.WaitForLineAsync("kubeconfig written to", TimeSpan.FromMinutes(5), token);
var cache = Directory.CreateDirectory(Path.Combine(root, "kubectl")).FullName;
var workload = new Workload(kubeconfig, cache, random);
var peers = new[] { "192.168.77.2", "192.168.77.3" };
foreach (var (node, address) in new[] { ("node-1", "192.168.77.1"), ("node-2", peers[0]), ("node-3", peers[1]) })
{
    await workload.ApplyAsync($"apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}\n", token);
    await workload.KubectlAsync(token, "patch", "node", node, "--subresource=status", "--type=merge",
        "-p", "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"" + address + "\"}]}}");
}

var agent = new DrillAgent(Path.Combine(repository, "src", "Agent", "bin", configuration, "net10.0", "Multinet.Agent.dll"), vpp.ApiSocket, kubeconfig,
    grpcUrl, Path.Combine(root, "console", "agent-secret"));
var totals = new Totals();
Console.WriteLine($"Agent kill drill: {rounds} rounds, seed {seed}, {vpp.Version}");
Console.WriteLine("round  kill-after  changes  converge-s  dup-tunnels  leaked-ifs  leaked-sockets  stale-vrfs  networks  pods");
try
{
    for (var round = 1; round <= rounds && !token.IsCancellationRequested; round++)
    {
        await agent.StartAsync();
        var killAfter = TimeSpan.FromMilliseconds(random.Next(300, 6000));
        var changes = random.Next(2, 7);
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (done < changes && clock.Elapsed < killAfter)
        {
            await workload.ChangeAsync(token);
            done++;
        }

        var remaining = killAfter - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, token);
        }

        await agent.KillAsync(); // SIGKILL, wherever it is
        for (; done < changes; done++)
        {
            await workload.ChangeAsync(token);
        }

        await agent.StartAsync();
        var expected = workload.Expected("192.168.77.1", peers);
        var converge = Stopwatch.StartNew();
        var census = await vpp.CensusAsync(token);
        while (!census.Converged(expected, baseline) && converge.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(500, token);
            census = await vpp.CensusAsync(token);
        }

        var converged = census.Converged(expected, baseline);
        var row = new Row(round, killAfter, changes, converged ? converge.Elapsed.TotalSeconds : double.NaN, census.DuplicateTunnels,
            census.LeakedInterfaces(expected, baseline), census.LeakedSockets(expected, baseline), census.StaleVrfs(expected), expected.Networks.Count,
            expected.MemifSockets.Count);
        totals.Add(row);
        Console.WriteLine(row.Format());
        if (!converged)
        {
            Console.WriteLine($"  not converged: missing VRFs {census.MissingVrfs(expected)}, tunnels (stray, missing) {census.TunnelDiff(expected)}; " +
                $"interfaces: {string.Join(' ', census.Interfaces)}");
            Console.WriteLine("  agent output (tail): " + Tail(agent.LastOutput));
        }

        await agent.KillAsync();
    }
}
catch (OperationCanceledException) when (token.IsCancellationRequested)
{
    Console.WriteLine("Interrupted: the totals cover the rounds completed.");
}
finally
{
    await agent.KillAsync();
}

Console.WriteLine(totals.Summary());
return totals.Clean ? 0 : 1;

static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];

static string FindRepository()
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
