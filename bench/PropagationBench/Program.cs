// A Network from `kubectl apply` to its VRF on every simulated node, as a browser shows it: the real console (embedded
// API, N simulated nodes running the real agent code), the real kubectl, the system Chromium on the Network's page.
// Per Network: kubectl apply's acknowledgement (its exit) to the console's live state (GET /api/v1/nodes, polled) and to
// the browser's "N / N nodes applied". Usage: bench/propagation.sh [networks=50] [nodes=20] [kubectl=kubectl]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using Multinet.PropagationBench;

var settings = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
var count = int.Parse(settings.GetValueOrDefault("networks", "50"), CultureInfo.InvariantCulture);
var nodes = int.Parse(settings.GetValueOrDefault("nodes", "20"), CultureInfo.InvariantCulture);
var kubectl = settings.GetValueOrDefault("kubectl", "kubectl");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var ct = cancel.Token;

await using var web = await WebProcess.StartAsync(["--Multinet:SimulatedNodes", nodes.ToString(CultureInfo.InvariantCulture),
    "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Multinet.KubeApi.Hosting", "Information"], cancellationToken: ct);
var kubeconfig = web.KubeconfigPath ?? throw new InvalidOperationException("The console wrote no kubeconfig.");
using var http = await web.HttpClientAsync(ct);
var state = new ConsoleState(http);
while (await state.ConnectedNodesAsync(ct) < nodes)
{
    await Task.Delay(100, ct);
}

Console.WriteLine($"{nodes} simulated nodes connected; {count} Networks, one after another");
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("BROWSER_PATH") is { Length: > 0 } browserPath ? browserPath : "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
await using var context = await browser.NewSignedInContextAsync(web, ct);
context.SetDefaultTimeout(120_000);
var page = await context.NewPageAsync();

var toState = new List<double>();
var toBrowser = new List<double>();
var kubectlTook = new List<double>();
for (var i = 0; i < count + 1; i++)
{
    var name = $"prop-{i:D3}";
    await page.GotoAsync($"/networks/{name}");
    await page.GetByTestId("network-missing").WaitForAsync();
    var applied = page.GetByTestId("network-ready").Filter(new() { HasText = $"{nodes} / {nodes} nodes applied" }).WaitForAsync();
    var seenInState = state.WaitAppliedAsync(name, nodes, ct);
    var manifest = $"{{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Network\",\"metadata\":{{\"name\":\"{name}\"}},\"spec\":{{\"vni\":{5000 + i},\"range\":\"10.{100 + (i / 250)}.{i % 250}.0/24\"}}}}";
    var started = Stopwatch.GetTimestamp();
    await Kubectl.ApplyAsync(kubectl, kubeconfig, manifest, ct);
    var acknowledged = Stopwatch.GetTimestamp();
    var stateAt = await seenInState;
    await applied;
    var browserAt = Stopwatch.GetTimestamp();
    if (i == 0)
    {
        continue; // warm-up: the first Network pays for JIT on every path
    }

    kubectlTook.Add(Stopwatch.GetElapsedTime(started, acknowledged).TotalMilliseconds);
    toState.Add(Math.Max(0, Stopwatch.GetElapsedTime(acknowledged, stateAt).TotalMilliseconds));
    toBrowser.Add(Math.Max(0, Stopwatch.GetElapsedTime(acknowledged, browserAt).TotalMilliseconds));
}

Console.WriteLine($"kubectl apply (process start to exit):                            {Summary(kubectlTook)}");
Console.WriteLine($"acknowledged -> Applied on {nodes} nodes in the console's live state:   {Summary(toState)}");
Console.WriteLine($"acknowledged -> \"{nodes} / {nodes} nodes applied\" in the browser:        {Summary(toBrowser)}");
Console.WriteLine($"ratio browser / live state (p50): {Percentile(toBrowser, 0.5) / Math.Max(1, Percentile(toState, 0.5)):F2}");

static string Summary(List<double> ms) =>
    $"p50 {Percentile(ms, 0.5):F0} ms, p90 {Percentile(ms, 0.9):F0} ms, p99 {Percentile(ms, 0.99):F0} ms, max {ms.Max():F0} ms";

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
