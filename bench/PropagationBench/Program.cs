// A Network from `kubectl apply` to its VRF on every simulated node, as a browser shows it: the real console (embedded
// API, N simulated nodes running the real agent code), the real kubectl, the system Chromium on the Network's page.
// Per Network, from kubectl apply's acknowledgement (its exit): the console's watch has the Network (hub batch), the first
// and last agent applied it (their own AppliedAt), the console's live state shows it Applied on every node (hub batch, then
// one GET), and the browser shows the Network and "N / N nodes applied" (noted inside the page, and when Playwright's
// polling wait saw it); and, per Network, the console's own part: from the last agent's AppliedAt to the page showing it.
// Usage: bench/propagation.sh [networks=50] [nodes=20] [kubectl=kubectl]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using Multinet.PropagationBench;

// name=value, or by position (bench/propagation.sh 50 20): networks, nodes, kubectl.
string[] positions = ["networks", "nodes", "kubectl"];
var settings = args.Select((a, i) => a.Contains('=', StringComparison.Ordinal) ? a.Split('=', 2) : [i < positions.Length ? positions[i] : $"{i}", a])
    .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
var count = int.Parse(settings.GetValueOrDefault("networks", "50"), CultureInfo.InvariantCulture);
var nodes = int.Parse(settings.GetValueOrDefault("nodes", "20"), CultureInfo.InvariantCulture);
var kubectl = settings.GetValueOrDefault("kubectl", "kubectl");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var ct = cancel.Token;

await using var web = await WebProcess.StartAsync(["--Multinet:SimulatedNodes", nodes.ToString(CultureInfo.InvariantCulture),
    "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Multinet.KubeApi.Hosting", "Information"], cancellationToken: ct);
var kubeconfig = web.KubeconfigPath ?? throw new InvalidOperationException("The console wrote no kubeconfig.");
using var http = await web.HttpClientAsync(ct);
await using var feed = await LiveStateFeed.ConnectAsync(web, http, ct);
while (await feed.ConnectedNodesAsync(ct) < nodes)
{
    await Task.Delay(100, ct); // start-up only: the measured loop below never polls
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

var rows = new Dictionary<string, List<double>>(StringComparer.Ordinal);
void Add(string row, double ms) => (rows.TryGetValue(row, out var list) ? list : rows[row] = []).Add(ms); // below 0: before kubectl exited
const string Kubectl = "kubectl apply (process start to exit)";
const string Network = "ack -> Network in the console's watch (hub batch)";
const string FirstAgent = "ack -> first agent applied it (its AppliedAt)";
const string LastAgent = "ack -> last agent applied it (its AppliedAt)";
const string LastAgentFromStart = "kubectl start -> last agent applied it (its AppliedAt)";
var liveState = $"ack -> Applied on {nodes} nodes in the live state (hub + GET)";
const string PageNetwork = "ack -> the Network on the page (DOM, in page)";
var pageApplied = $"ack -> \"{nodes} / {nodes} nodes applied\" in the DOM (in page)";
const string Painted = "ack -> the frame after it (rAF, in page)";
const string PlaywrightSaw = "ack -> Playwright's polling wait saw it";
var afterAgents = $"last agent applied -> \"{nodes} / {nodes}\" in the DOM";
var expected = $"{nodes} / {nodes} nodes applied";
var workBefore = await AgentWork.ReadAsync(http, ct);
for (var i = 0; i < count + 1; i++)
{
    var name = $"prop-{i:D3}";
    await page.OpenAsync($"/networks/{name}");
    await page.GetByTestId("network-missing").WaitForAsync();
    await PageProbe.InstallAsync(page, expected);
    var seenByPlaywright = page.GetByTestId("network-ready").Filter(new() { HasText = expected }).WaitForAsync();
    var seenInState = feed.WaitAppliedAsync(name, nodes, ct);
    var manifest = $"{{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"Network\",\"metadata\":{{\"name\":\"{name}\"}},\"spec\":{{\"vni\":{5000 + i},\"range\":\"10.{100 + (i / 250)}.{i % 250}.0/24\"}}}}";
    var started = Stopwatch.GetTimestamp();
    var startedAt = Clock.UnixMs();
    await Multinet.PropagationBench.Kubectl.ApplyAsync(kubectl, kubeconfig, manifest, ct);
    var acknowledged = Clock.UnixMs();
    var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    var state = await seenInState;
    await seenByPlaywright;
    var playwrightAt = Clock.UnixMs();
    var shown = await PageProbe.ReadAsync(page);
    if (i == 0)
    {
        continue; // warm-up: the first Network pays for JIT on every path
    }

    Add(Kubectl, took);
    Add(Network, state.NetworkSeen - acknowledged);
    Add(FirstAgent, state.FirstAgentApplied - acknowledged);
    Add(LastAgent, state.LastAgentApplied - acknowledged);
    Add(LastAgentFromStart, state.LastAgentApplied - startedAt);
    Add(liveState, state.AllApplied - acknowledged);
    Add(PageNetwork, shown.NetworkShown - acknowledged);
    Add(pageApplied, shown.AppliedShown - acknowledged);
    Add(Painted, shown.Painted - acknowledged);
    Add(PlaywrightSaw, playwrightAt - acknowledged);
    Add(afterAgents, shown.AppliedShown - state.LastAgentApplied); // the console's part: report, ingest, live state, page
}

var work = (await AgentWork.ReadAsync(http, ct)).Since(workBefore);
Console.WriteLine($"agents' reconcile passes: {work.Passes:F0} ({work.Passes / (count + 1) / nodes:F1} per Network per node, {work.Scoped:F0} scoped to the changed Networks), " +
    $"{work.Seconds * 1000 / Math.Max(1, work.Passes):F1} ms each on average (plan, dump, apply, dump), {work.Seconds:F1} s in all");
foreach (var (row, values) in rows)
{
    Console.WriteLine($"{row,-62} {Summary(values)}");
}

Console.WriteLine($"ratio browser (frame after it) / live state (p50): {Percentile(rows[Painted], 0.5) / Math.Max(1, Percentile(rows[liveState], 0.5)):F2}");

static string Summary(List<double> ms) =>
    $"p50 {Percentile(ms, 0.5),4:F0} ms, p90 {Percentile(ms, 0.9),4:F0} ms, p99 {Percentile(ms, 0.99),4:F0} ms, max {ms.Max(),4:F0} ms";

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
