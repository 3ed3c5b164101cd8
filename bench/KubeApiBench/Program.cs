// Embedded API figures: writes, `kubectl get` of 5,000 Networks split into the server's part (time to the last byte) and
// kubectl's own, and changes delivered to 500 watchers, side by side with a real kube-apiserver when one is given (with ratios).
// Usage: bench/kube-api.sh [networks=5000] [watchers=500] [kubectl=/usr/bin/kubectl] [kas=/path/admin.kubeconfig] [runs=5] [events=5]
using System.Globalization;
using Multinet.E2ETests.Infrastructure;
using Multinet.KubeApiBench;

var settings = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
var networks = int.Parse(settings.GetValueOrDefault("networks", "5000"), CultureInfo.InvariantCulture);
var watchers = int.Parse(settings.GetValueOrDefault("watchers", "500"), CultureInfo.InvariantCulture);
var runs = int.Parse(settings.GetValueOrDefault("runs", "5"), CultureInfo.InvariantCulture);
var events = int.Parse(settings.GetValueOrDefault("events", "5"), CultureInfo.InvariantCulture);
var kubectl = settings.GetValueOrDefault("kubectl", "kubectl");
var realKubeconfig = settings.GetValueOrDefault("kas", Environment.GetEnvironmentVariable("MULTINET_KUBE_APISERVER_KUBECONFIG") ?? "");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));

await using var console = await WebProcess.StartAsync(["--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Multinet.KubeApi.Hosting", "Information"], cancellationToken: cancel.Token);
using var api = ApiClient.Create(console);
var kubeconfig = console.KubeconfigPath ?? throw new InvalidOperationException("The console wrote no kubeconfig.");
Console.WriteLine($"console up: {kubeconfig}");

var created = await NetworkLoad.CreateAsync(api, networks, parallelism: 8, cancel.Token);
Console.WriteLine($"embedded API: create {networks} Networks (8 in flight): {created.TotalSeconds:F1} s, {networks / created.TotalSeconds:F0} writes/s");

var embeddedWatch = await WatchFanOut.MeasureAsync("embedded API", () => ApiClient.Create(console), watchers, events, cancel.Token);
PrintWatch("embedded API", embeddedWatch);
var embedded = await ListFigures.MeasureAsync("embedded API", api, kubectl, kubeconfig, networks, runs, cancel.Token);
if (realKubeconfig.Length > 0 && File.Exists(realKubeconfig))
{
    using var real = RealApiServer.CreateClient(realKubeconfig);
    await RealApiServer.InstallCrdAsync(kubectl, realKubeconfig, WebProcess.RepositoryRoot, cancel.Token);
    var have = await NetworkLoad.CountAsync(real, cancel.Token);
    if (have < networks)
    {
        var took = await NetworkLoad.CreateAsync(real, networks, parallelism: 8, cancel.Token, skipExisting: true);
        Console.WriteLine($"kube-apiserver: create {networks - have} Networks (8 in flight): {took.TotalSeconds:F1} s");
    }

    var kas = await ListFigures.MeasureAsync("kube-apiserver", real, kubectl, realKubeconfig, networks, runs, cancel.Token);
    var kasWatch = await WatchFanOut.MeasureAsync("kube-apiserver", () => RealApiServer.CreateClient(realKubeconfig), watchers, events, cancel.Token);
    PrintWatch("kube-apiserver", kasWatch);
    Console.WriteLine($"load average: {LoadAverage()}");
    foreach (var (name, mine) in embedded)
    {
        Console.WriteLine($"ratio embedded / kube-apiserver, {name}: {mine / kas[name]:F2} ({mine:F0} ms vs {kas[name]:F0} ms)");
    }

    foreach (var (name, p) in new[] { ("p50", 0.50), ("p99", 0.99) })
    {
        var mine = Percentile(embeddedWatch, p);
        var theirs = Percentile(kasWatch, p);
        Console.WriteLine($"ratio embedded / kube-apiserver, {watchers} watchers' event {name}: {mine / theirs:F2} ({mine:F1} ms vs {theirs:F1} ms)");
    }
}
else
{
    Console.WriteLine("kube-apiserver: skipped (no kas=/path/admin.kubeconfig and no MULTINET_KUBE_APISERVER_KUBECONFIG; "
        + "start one with ../shared/tools/start-kube-apiserver.sh KUBE_APISERVER DIR PORT)");
    Console.WriteLine($"load average: {LoadAverage()}");
}

void PrintWatch(string server, double[] latencies) =>
    Console.WriteLine($"{server}: {watchers} watchers × {events} changes, patch sent -> MODIFIED read: p50 {Percentile(latencies, 0.50):F1} ms, "
        + $"p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
