// Embedded API figures: writes, `kubectl get` of 5,000 Networks, and one change delivered to 500 watchers.
// Usage: dotnet run -c Release --project bench/KubeApiBench [-- networks=5000 watchers=500 kubectl=/usr/bin/kubectl]
using System.Globalization;
using Multinet.E2ETests.Infrastructure;
using Multinet.KubeApiBench;

var settings = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
var networks = int.Parse(settings.GetValueOrDefault("networks", "5000"), CultureInfo.InvariantCulture);
var watchers = int.Parse(settings.GetValueOrDefault("watchers", "500"), CultureInfo.InvariantCulture);
var kubectl = settings.GetValueOrDefault("kubectl", "kubectl");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(15));

await using var console = await WebProcess.StartAsync(["--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Multinet.KubeApi.Hosting", "Information"], cancellationToken: cancel.Token);
using var api = ApiClient.Create(console);
var kubeconfig = console.KubeconfigPath ?? throw new InvalidOperationException("The console wrote no kubeconfig.");
Console.WriteLine($"console up: {kubeconfig}");

var created = await NetworkLoad.CreateAsync(api, networks, parallelism: 8, cancel.Token);
Console.WriteLine($"create {networks} Networks (8 in flight): {created.TotalSeconds:F1} s, {networks / created.TotalSeconds:F0} writes/s");

foreach (var output in new[] { "table", "json" })
{
    var times = new List<double>();
    for (var run = 0; run < 3; run++)
    {
        times.Add((await KubectlTiming.GetNetworksAsync(kubectl, kubeconfig, output, networks, cancel.Token)).TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"kubectl get networks -o {output} ({networks} items): median {times[1]:F0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms)");
}

var latencies = await WatchFanOut.MeasureAsync(console, watchers, cancel.Token);
Console.WriteLine($"{watchers} watchers, one MODIFIED event: p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");

static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
