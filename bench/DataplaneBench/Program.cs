using System.Diagnostics;
using System.Globalization;
using Multinet.Agent.Dataplane;
using Multinet.DataplaneBench;
using Multinet.Shared.Domain;

// Times the agent's core on one node of a large cluster: plan, diff and apply on the simulated dataplane from empty,
// then an in-sync pass (what an agent restart costs), then one Network's VNI edit.
// Usage: DataplaneBench [nodes=101] [networks=100] [podsPerNode=10]
var nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 101;
var networks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var podsPerNode = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var node = BenchCluster.NodeName(0);
var view = BenchCluster.Build(nodes, networks, podsPerNode);
Console.WriteLine($"Cluster: {nodes} nodes, {networks} Networks, {view.Pods.Length} pods, {view.Services.Length} services, {view.Policies.Length} policies; planning {node}.");

var cold = Stopwatch.StartNew();
var plan = Planner.Plan(node, view);
cold.Stop();
var warm = Stopwatch.StartNew();
plan = Planner.Plan(node, view);
warm.Stop();
Console.WriteLine($"Plan: {plan.Vrfs.Length} VRFs, {plan.Tunnels.Length} tunnels, {plan.Interfaces.Length} pod interfaces, {plan.Routes.Length} routes, "
    + $"{plan.Services.Length} service entries, {plan.Policies.Length} policy bindings, {plan.Problems.Length} problems");
Report("plan (cold)", cold.Elapsed, 0);
Report("plan (warm)", warm.Elapsed, 0);

var dataplane = new SimulatedDataplane();
await PassAsync("pass 1, empty dataplane", dataplane, plan);
await PassAsync("pass 2, in sync (agent restart)", dataplane, Planner.Plan(node, view));

var edited = view with
{
    Networks = [.. view.Networks.Select((n, i) =>
    {
        if (i != 0)
        {
            return n;
        }

        var copy = Multinet.Shared.Crds.V3Network.Create(n.Metadata.Name, 999_999, n.Spec!.Range);
        copy.Metadata.CreationTimestamp = n.Metadata.CreationTimestamp;
        return copy;
    })],
};
await PassAsync("pass 3, one Network's VNI edited", dataplane, Planner.Plan(node, edited));

static async Task PassAsync(string name, SimulatedDataplane dataplane, NodePlan plan)
{
    var total = Stopwatch.StartNew();
    var dump = Stopwatch.StartNew();
    var state = await dataplane.DumpAsync(CancellationToken.None);
    dump.Stop();
    var diff = Stopwatch.StartNew();
    var ops = DataplaneDiff.Compute(plan, state);
    diff.Stop();
    var apply = Stopwatch.StartNew();
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

    apply.Stop();
    var after = ops.Count == 0 ? state : await dataplane.DumpAsync(CancellationToken.None);
    total.Stop();
    var again = Stopwatch.StartNew();
    DataplaneDiff.Compute(plan, state);
    again.Stop();
    Console.WriteLine($"{name}: {ops.Count} operations, {failures} failed; dataplane then holds {after.Tunnels.Length} tunnels, {after.Interfaces.Length} interfaces, {after.Routes.Length} routes");
    Report("  dump", dump.Elapsed, state.Tunnels.Length + state.Interfaces.Length + state.Routes.Length);
    Report("  diff", diff.Elapsed, ops.Count);
    Report("  diff (repeated, warm)", again.Elapsed, ops.Count);
    Report("  apply", apply.Elapsed, ops.Count);
    Report("  total (dump, diff, apply, dump)", total.Elapsed, ops.Count);
}

static void Report(string what, TimeSpan elapsed, int count) =>
    Console.WriteLine(count > 0 && elapsed.TotalSeconds > 0
        ? $"{what,-36} {elapsed.TotalMilliseconds,10:F1} ms  {count / elapsed.TotalSeconds,12:N0} items/s"
        : $"{what,-36} {elapsed.TotalMilliseconds,10:F1} ms");
