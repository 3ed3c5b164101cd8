using System.Diagnostics;
using System.Globalization;
using Multinet.Agent.Dataplane;
using Multinet.DataplaneBench;
using Multinet.Shared.Crds;
using Multinet.Shared.Domain;

// Times the agent's core on one node of a large cluster: plan, diff and apply on the simulated dataplane from empty,
// an in-sync pass (what an agent restart or a resync costs), and one Network's VNI edit. Every figure is the median
// of `runs` runs after one warm-up run.
// Usage: DataplaneBench [nodes=101] [networks=100] [podsPerNode=10] [runs=5]
var nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 101;
var networks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var podsPerNode = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
var node = BenchCluster.NodeName(0);
var view = BenchCluster.Build(nodes, networks, podsPerNode);
var edited = view with
{
    Networks = [.. view.Networks.Select((n, i) => i == 0 ? Edited(n) : n)],
};
Console.WriteLine($"Cluster: {nodes} nodes, {networks} Networks, {view.Pods.Length} pods, {view.Services.Length} services, {view.Policies.Length} policies; "
    + $"planning {node}; medians of {runs} runs after a warm-up.");

var plan = Planner.Plan(node, view);
Console.WriteLine($"Plan: {plan.Vrfs.Length} VRFs, {plan.Tunnels.Length} tunnels, {plan.Interfaces.Length} pod interfaces, {plan.Routes.Length} routes, "
    + $"{plan.Services.Length} service entries, {plan.Policies.Length} policy bindings, {plan.Problems.Length} problems");
Report("plan", Median(runs, () => Time(() => Planner.Plan(node, view))), plan.Tunnels.Length + plan.Interfaces.Length + plan.Routes.Length);

var fromEmpty = new List<Pass>();
for (var i = 0; i <= runs; i++)
{
    var pass = await PassAsync(new SimulatedDataplane(), plan);
    if (i > 0)
    {
        fromEmpty.Add(pass);
    }
}

Print("from an empty dataplane", fromEmpty);
var dataplane = new SimulatedDataplane();
await PassAsync(dataplane, plan);
var inSync = new List<Pass>();
for (var i = 0; i <= runs; i++)
{
    var pass = await PassAsync(dataplane, plan);
    if (i > 0)
    {
        inSync.Add(pass);
    }
}

Print("in sync (agent restart, resync)", inSync);
var editedPlan = Planner.Plan(node, edited);
var edits = new List<Pass>();
for (var i = 0; i <= runs * 2; i++)
{
    var pass = await PassAsync(dataplane, i % 2 == 0 ? editedPlan : plan); // flips the VNI back and forth
    if (i > 1)
    {
        edits.Add(pass);
    }
}

Print("one Network's VNI edited", edits);

static V3Network Edited(V3Network network)
{
    var copy = V3Network.Create(network.Metadata.Name, 999_999, network.Spec!.Range);
    copy.Metadata.CreationTimestamp = network.Metadata.CreationTimestamp;
    return copy;
}

static async Task<Pass> PassAsync(SimulatedDataplane dataplane, NodePlan plan)
{
    var started = Stopwatch.GetTimestamp();
    var state = await dataplane.DumpAsync(CancellationToken.None);
    var dumped = Stopwatch.GetTimestamp();
    var ops = DataplaneDiff.Compute(plan, state);
    var diffed = Stopwatch.GetTimestamp();
    var failures = 0;
    foreach (var op in ops)
    {
        try
        {
            await dataplane.ApplyAsync(op, CancellationToken.None);
        }
        catch (DataplaneException)
        {
            failures++;
        }
    }

    var applied = Stopwatch.GetTimestamp();
    if (ops.Count > 0)
    {
        await dataplane.DumpAsync(CancellationToken.None);
    }

    var done = Stopwatch.GetTimestamp();
    return new Pass(ops.Count, failures, Stopwatch.GetElapsedTime(started, dumped), Stopwatch.GetElapsedTime(dumped, diffed),
        Stopwatch.GetElapsedTime(diffed, applied), Stopwatch.GetElapsedTime(started, done));
}

static void Print(string name, List<Pass> passes)
{
    var ops = passes[0].Operations;
    Console.WriteLine($"{name}: {ops} operations, {passes.Max(p => p.Failures)} failed");
    Report("  dump", MedianOf(passes.Select(p => p.Dump)), 0);
    Report("  diff", MedianOf(passes.Select(p => p.Diff)), ops);
    Report("  apply", MedianOf(passes.Select(p => p.Apply)), ops);
    Report("  reconcile (dump, diff, apply, dump)", MedianOf(passes.Select(p => p.Total)), ops);
}

static TimeSpan Time(Action action)
{
    var started = Stopwatch.GetTimestamp();
    action();
    return Stopwatch.GetElapsedTime(started);
}

static TimeSpan Median(int runs, Func<TimeSpan> measure)
{
    measure(); // warm-up
    return MedianOf(Enumerable.Range(0, runs).Select(_ => measure()).ToList());
}

static TimeSpan MedianOf(IEnumerable<TimeSpan> times)
{
    var sorted = times.Order().ToList();
    return sorted[sorted.Count / 2];
}

static void Report(string what, TimeSpan elapsed, int count) =>
    Console.WriteLine(count > 0 && elapsed.TotalSeconds > 0
        ? $"{what,-40} {elapsed.TotalMilliseconds,9:F1} ms  {count / elapsed.TotalSeconds,12:N0} objects/s"
        : $"{what,-40} {elapsed.TotalMilliseconds,9:F1} ms");

/// <summary>One reconcile pass's figures.</summary>
internal sealed record Pass(int Operations, int Failures, TimeSpan Dump, TimeSpan Diff, TimeSpan Apply, TimeSpan Total);
