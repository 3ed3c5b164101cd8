using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Multinet.Shared.Domain;
using Multinet.TimelineBench;
using Multinet.Web.State;
using Multinet.Web.Timeline;

// Times the console's audit timeline on a large cluster: TimelineRecorder.Observe for one batch holding a Service edit,
// a policy edit, a NAD edit, a Network edit, and a batch of every node's report (the edited Service's new entries)
// while that Service edit's results are awaited. Before each run the results still awaited expire, so every run starts
// alike; each figure is the median of `runs` runs after one warm-up run.
// Usage: TimelineBench [nodes=200] [podsPerNode=50] [networks=10] [services=50] [policies=20] [runs=5]
var nodes = Arg(0, 200);
var podsPerNode = Arg(1, 50);
var networks = Arg(2, 10);
var services = Arg(3, 50);
var policies = Arg(4, 20);
var runs = Arg(5, 5);

var started = Stopwatch.GetTimestamp();
var bench = new BenchLive(nodes, networks, podsPerNode, services, policies);
var options = Options.Create(new TimelineOptions());
var recorder = new TimelineRecorder(bench.Live, new TimelineStore(new NoDatabase(), options), options, bench.Clock, NullLogger<TimelineRecorder>.Instance);
recorder.Observe(bench.Live.Current, null); // the history: everything created before any node connected
bench.ConnectNodes();
recorder.Observe(bench.Live.Current, NodeReports());
Console.WriteLine($"Cluster: {nodes} connected nodes, {networks} Networks, {bench.Objects.Pods.Count} pods, {bench.Objects.Nads.Count} NADs, "
    + $"{bench.Objects.Services.Count} network-aware Services, {bench.Objects.Policies.Count} policies "
    + $"(set up in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s); medians of {runs} runs after a warm-up.");

// Every run's change is new (a port, a rule count, a Network, a VNI never set before), so no node reports it yet.
var port = 80;
Measure("Service edit (port)", () =>
{
    port++;
    return EditObjects(o => o with { Services = o.Services.SetItem($"{BenchLive.Namespace}/svc-00", BenchLive.Service(0, port)) });
});

var extraRules = 0;
Measure("policy edit (a rule added)", () =>
{
    extraRules++;
    return EditObjects(o => o with { Policies = o.Policies.SetItem($"{BenchLive.Namespace}/policy-00", BenchLive.Policy(0, networks, extraRules)) });
});

var nadNetwork = 0;
Measure("NAD edit (network)", () =>
{
    nadNetwork = (nadNetwork % (networks - 1)) + 1;
    var nad = BenchLive.Nad(0, BenchLive.NetworkName(nadNetwork));
    return EditObjects(o => o with { Nads = o.Nads.SetItem(nad.Key, nad) });
});

var generation = 1L;
Measure("Network edit (VNI)", () =>
{
    generation++;
    bench.Live.UpsertNetwork(BenchLive.Network(0, 2000 + generation, generation));
    return [new LiveChange(LiveChangeKind.NetworkUpserted, BenchLive.NetworkName(0), bench.Live.Current.Version)];
});

Measure($"{nodes} node reports, Service edit awaited", () =>
{
    port++;
    var edit = EditObjects(o => o with { Services = o.Services.SetItem($"{BenchLive.Namespace}/svc-00", BenchLive.Service(0, port)) });
    recorder.Observe(bench.Live.Current, edit);
    var entries = Planner.PlanServiceEntries(LiveState.ViewOf(bench.Live.Current) with { Services = [bench.Objects.Services[$"{BenchLive.Namespace}/svc-00"]] })
        .Select(e => new ServiceEntryStatus(e.Namespace, e.Name, e.Network, e.Vip, e.Port, e.Protocol) { Backends = e.Backends }).ToList();
    foreach (var node in bench.NodeNames)
    {
        var inventory = bench.Live.Current.Nodes[node].Inventory;
        bench.Live.NodeSnapshot(node, inventory with
        {
            Services = [.. inventory.Services.Where(s => s.Name != "svc-00").Concat(entries).OrderBy(s => s.Key, StringComparer.Ordinal)],
            LastApply = new ApplyStats(bench.Clock.GetUtcNow().UtcDateTime, 2, 1, 0),
        });
    }

    return NodeReports();
});

IReadOnlyList<LiveChange> NodeReports() => [.. bench.NodeNames.Select(n => new LiveChange(LiveChangeKind.NodeUpserted, n, bench.Live.Current.Version))];

IReadOnlyList<LiveChange> EditObjects(Func<ClusterObjects, ClusterObjects> edit)
{
    bench.Objects = edit(bench.Objects);
    bench.Live.ReplaceObjects("bench", _ => bench.Objects);
    return [new LiveChange(LiveChangeKind.ClusterObjectsChanged, "bench", bench.Live.Current.Version)];
}

// Each run: the awaited results of earlier runs expire (untimed), the case makes its change (untimed), then one Observe is timed.
void Measure(string name, Func<IReadOnlyList<LiveChange>> change)
{
    var times = new List<TimeSpan>();
    var entries = 0;
    var awaited = 0;
    for (var i = 0; i <= runs; i++)
    {
        bench.Clock.Now += TimeSpan.FromSeconds(options.Value.ResultTimeoutSeconds + 1);
        recorder.Expire();
        var changes = change();
        var before = Stopwatch.GetTimestamp();
        var recorded = recorder.Observe(bench.Live.Current, changes);
        var elapsed = Stopwatch.GetElapsedTime(before);
        if (i > 0)
        {
            times.Add(elapsed);
        }

        entries = recorded.Count;
        awaited = recorder.PendingCount;
    }

    var median = times.Order().ToList()[times.Count / 2];
    Console.WriteLine($"{name,-45} {median.TotalMilliseconds,9:F1} ms  ({entries} entries recorded, {awaited} node results awaited after)");
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

/// <summary>Observe never stores: a store whose database is never opened.</summary>
internal sealed class NoDatabase : IDbContextFactory<TimelineDbContext>
{
    public TimelineDbContext CreateDbContext() => throw new InvalidOperationException("The benchmark stores nothing.");
}
