using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Multinet.ConsoleScaleBench;
using Multinet.Contracts.Agent.V1;
using Multinet.E2ETests.Infrastructure;

// The console at scale: the real console process (Release, embedded API, no simulated nodes, no demo), N synthetic
// agents on the real gRPC contract, the matching Networks, NADs and pods through the embedded API, and the system
// Chromium timing the pages. Usage: bench/console-scale.sh [nodes] [networks] [podsPerNode] [peers] [windowSeconds]
var arguments = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
int Arg(int i, int fallback) => arguments.Length > i ? arguments[i] : fallback;
var shape = new ScaleShape(Nodes: Arg(0, 200), Networks: Arg(1, 10), PodsPerNode: Arg(2, 50), Peers: Arg(3, 8));
var window = TimeSpan.FromSeconds(Arg(4, 10));
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(60));
var ct = cts.Token;
var figures = new List<(string Name, string Value)>();
void Figure(string name, string value)
{
    figures.Add((name, value));
    Console.WriteLine($"  {name}: {value}");
}

string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

Console.WriteLine($"{shape.Nodes} nodes, {shape.Networks} Networks, {shape.PodsPerNode} pod interfaces per node ({shape.Pods} in all), {shape.Peers} tunnel peers per Network");
await using var web = await WebProcess.StartAsync(
    ["--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Multinet.KubeApi.Hosting", "Information"], cancellationToken: ct);
var pid = web.ProcessId;
Figure("console working set at start", $"{ProcessStats.WorkingSetMib(pid):0} MiB");

// Cluster objects through the embedded API.
using var api = ClusterLoad.CreateClient(web.BaseUrl, web.DataDir);
await ClusterLoad.NetworksAsync(api, shape, ct);
var podsTook = await ClusterLoad.PodsAsync(api, shape, parallelism: 16, ct);
Figure($"create {shape.Pods} pods (POST, 16 in flight)", $"{Ms(podsTook)} ({shape.Pods / podsTook.TotalSeconds:0}/s)");
var seen = Stopwatch.StartNew();
using var http = await web.HttpClientAsync(ct);
while (await PodsInUse(http, ct) < shape.Pods)
{
    await Task.Delay(100, ct);
}

Figure("then until the console's cache holds them all", Ms(seen.Elapsed));

// The agents.
using var channel = GrpcChannel.ForAddress(web.GrpcUrl, new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
    MaxReceiveMessageSize = null,
    MaxSendMessageSize = null,
});
var client = new AgentGateway.AgentGatewayClient(channel);
var agentSecret = (await File.ReadAllTextAsync(Path.Combine(web.DataDir, "agent-secret"), ct)).Trim();
var agents = Enumerable.Range(0, shape.Nodes).Select(i => new SyntheticAgent(i, shape)).ToList();
var connecting = Stopwatch.StartNew();
foreach (var agent in agents)
{
    await agent.ConnectAsync(client, agentSecret, ct);
}

while (agents.Any(a => a.Acked == 0))
{
    await Task.Delay(20, ct);
}

Figure($"{shape.Nodes} agents connected, snapshots acknowledged", Ms(connecting.Elapsed));
var counters = false;
var reporting = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    for (long tick = 1; await timer.WaitForNextTickAsync(ct); tick++)
    {
        foreach (var agent in agents)
        {
            await (Volatile.Read(ref counters) ? agent.SendCountersAsync(tick, ct) : agent.HeartbeatAsync(ct));
        }
    }
}, ct);

Figure("console working set, objects and inventories loaded", $"{ProcessStats.WorkingSetMib(pid):0} MiB");
// The heartbeats alone, before any browser: what the console spends to keep 200 idle agents (compare with the same figure after the pages).
await Task.Delay(window, ct); // past the snapshots' last batches
Figure("console CPU, idle agents (heartbeats), before any page", $"{await CpuShareAsync(pid, window, ct):P0} of one core");

// The browser.
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("BROWSER_PATH") is { Length: > 0 } browserPath ? browserPath : "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--enable-precise-memory-info"],
});
await using var context = await browser.NewSignedInContextAsync(web, ct, new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
context.SetDefaultTimeout(120_000);
await context.AddInitScriptAsync(PageTiming.InitScript);
var network = SyntheticAgent.Network(shape.Networks / 2);
var node = SyntheticAgent.NodeName(shape.Nodes / 2);
// Each page: its path, Playwright's wait for its first rows, and the same condition in the page's own JS (timed there).
var pages = new (string Path, Func<IPage, Task> Ready, string ReadyJs)[]
{
    ("pods", p => p.Locator("[data-testid=pod-row]").First.WaitForAsync(), Present("pod-row")),
    ("nodes", p => p.Locator("[data-testid=node-row]").First.WaitForAsync(), Present("node-row")),
    ("memif", p => p.Locator("[data-testid=memif-row]").First.WaitForAsync(), Present("memif-row")),
    ("", p => p.Locator("[data-testid=overview-nodes]").Filter(new() { HasText = $"{shape.Nodes} / {shape.Nodes}" }).WaitForAsync(),
        Holds("overview-nodes", $"{shape.Nodes} / {shape.Nodes}")),
    ("networks", p => p.Locator("[data-testid=network-pods-count]").Filter(new() { HasText = (shape.Pods / shape.Networks).ToString(CultureInfo.InvariantCulture) }).First.WaitForAsync(),
        Holds("network-pods-count", (shape.Pods / shape.Networks).ToString(CultureInfo.InvariantCulture))),
    ("nads", p => p.Locator("[data-testid=nad-row]").First.WaitForAsync(), Present("nad-row")),
    ("timeline", p => p.Locator("[data-testid=timeline-row]").First.WaitForAsync(), Present("timeline-row")),
    ($"networks/{network}", p => p.Locator("[data-testid=network-node-row]").First.WaitForAsync(), Present("network-node-row")),
    ($"networks/{network}?tab=mesh", p => p.Locator("[data-testid=mesh-cell]").Last.WaitForAsync(), Present("mesh-cell")),
    ($"networks/{network}?tab=pods", p => p.Locator("[data-testid=network-pod-row]").First.WaitForAsync(), Present("network-pod-row")),
    ($"nodes/{node}", p => p.Locator("[data-testid=node-vrf-row]").First.WaitForAsync(), Present("node-vrf-row")),
};

static string Present(string testId) => $"document.querySelector('[data-testid={testId}]')";
static string Holds(string testId, string text) =>
    $"[...document.querySelectorAll('[data-testid={testId}]')].some(e => e.textContent.includes('{text}'))";

async Task<TimeSpan> OpenAsync(IPage page, string path, Func<IPage, Task> ready)
{
    // Until the document's response starts, not its load event: rows that come in the HTML count when they come.
    var stopwatch = Stopwatch.StartNew();
    await page.GotoAsync("/" + path, new() { WaitUntil = WaitUntilState.Commit });
    await ready(page);
    return stopwatch.Elapsed;
}

// The same, timed in the page: navigation start to the frame after the rows came; Playwright's (polled) figure beside it.
async Task<(TimeSpan InPage, TimeSpan Polled)> OpenTimedAsync(IPage page, string path, Func<IPage, Task> ready, string readyJs)
{
    await PageTiming.WatchNavigationAsync(page, readyJs);
    var polled = await OpenAsync(page, path, ready);
    return (await PageTiming.NavigationAsync(page), polled);
}

// Warm-up: the first circuit pays for JIT and static files.
var warm = await context.NewPageAsync();
Figure("first page ever (/nodes, JIT and static files)", Ms(await OpenAsync(warm, "nodes", pages[1].Ready)));
await warm.CloseAsync();

// The in-run baseline: a page with nothing to show (no Services here) costs the circuit, the layout and the framework.
var empty = await context.NewPageAsync();
var (emptyTook, emptyPolled) = await OpenTimedAsync(empty, "services", p => p.Locator("[data-testid=services-empty]").WaitForAsync(), Present("services-empty"));
await empty.CloseAsync();
Figure("/services (empty; the baseline below): navigation to first rows", $"{Ms(emptyTook)} (Playwright's polled wait {Ms(emptyPolled)})");
var breakdown = new List<string>();
foreach (var (path, ready, readyJs) in pages)
{
    var page = await context.NewPageAsync();
    var (took, polled) = await OpenTimedAsync(page, path, ready, readyJs);
    Figure($"/{path}: navigation to first rows, idle agents", $"{Ms(took)} (x{took / emptyTook:0.0} the empty page; Playwright's polled wait {Ms(polled)})");
    await Interactive(page);
    breakdown.Add($"  /{path}: {await PageTiming.DescribeAsync(page, took)}");
    await page.CloseAsync();
}

// The tunnel matrix as one opens it from a Network's page: its "Tunnel mesh" tab clicked, to the matrix's first cells.
var networkPage = await context.NewPageAsync();
await OpenAsync(networkPage, $"networks/{network}", pages[7].Ready);
await Interactive(networkPage);
await PageTiming.ArmAsync(networkPage, Present("mesh-cell"));
await networkPage.Locator(".mud-tab", new() { HasText = "Tunnel mesh" }).ClickAsync();
await networkPage.Locator("[data-testid=mesh-cell]").Last.WaitForAsync();
Figure($"/networks/{network}: Tunnel mesh tab clicked → its {shape.Nodes} x {shape.Nodes} matrix's first cells (target 500 ms)", Ms(await PageTiming.SinceArmedAsync(networkPage)));
await networkPage.CloseAsync();

// Where each page's time went (ms since navigation started), then the server's side of it.
var emptyAgain = await context.NewPageAsync();
var emptyAgainTook = await OpenAsync(emptyAgain, "services", p => p.Locator("[data-testid=services-empty]").WaitForAsync());
Console.WriteLine($"  breakdown (ms since navigation), load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}:");
await Interactive(emptyAgain);
Console.WriteLine($"  /services: {await PageTiming.DescribeAsync(emptyAgain, emptyAgainTook)}");
await emptyAgain.CloseAsync();
breakdown.ForEach(Console.WriteLine);
foreach (var (name, value) in await ServerProbe.RunAsync(web.BaseUrl, await web.SessionAsync(ct), ct))
{
    Figure(name, value);
}

Figure("console working set, every page opened once", $"{ProcessStats.WorkingSetMib(pid):0} MiB");
Console.WriteLine($"  memory, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}: {await MemoryBreakdown.DescribeAsync(pid, web.BaseUrl, ct)}");
// MULTINET_BENCH_GCDUMP=<file>: a heap snapshot of the console here (dotnet-gcdump; `dotnet-gcdump report <file>` lists what holds memory).
if (Environment.GetEnvironmentVariable("MULTINET_BENCH_GCDUMP") is { Length: > 0 } dump)
{
    var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
    using var collect = Process.Start(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump]);
    await collect.WaitForExitAsync(ct);
    Console.WriteLine($"  heap snapshot: {dump} (dotnet-gcdump exit code {collect.ExitCode}); after it: {ProcessStats.WorkingSetMib(pid):0} MiB, {await MemoryBreakdown.DescribeAsync(pid, web.BaseUrl, ct)}");
}

// Filters on /pods.
var pods = await context.NewPageAsync();
await OpenAsync(pods, "pods", pages[0].Ready);
await Interactive(pods); // a prerendered page is inert until its circuit has rendered it
var perNetwork = shape.Pods / shape.Networks;
var filter = Stopwatch.StartNew();
await PageTiming.ArmAsync(pods, Holds("pods-summary", $"{perNetwork} interfaces of {perNetwork} pods"));
await pods.Locator("[data-testid=pods-network-filter] [data-value=net-03] a").ClickAsync();
await pods.GetByTestId("pods-summary").Filter(new() { HasText = $"{perNetwork} interfaces of {perNetwork} pods" }).WaitForAsync();
Figure("/pods: filter by network (click to result)", $"{Ms(await PageTiming.SinceArmedAsync(pods))} (Playwright's polled wait {Ms(filter.Elapsed)})");
var address = SyntheticAgent.PodAddress(shape.Nodes / 2, 3, shape);
var addressPods = await context.NewPageAsync();
await OpenAsync(addressPods, "pods", pages[0].Ready);
await Interactive(addressPods);
filter.Restart();
await PageTiming.ArmAsync(addressPods, Holds("pods-summary", "1 interfaces of 1 pods"));
await addressPods.Locator("input[data-testid=pods-search], [data-testid=pods-search] input").First.FillAsync(address);
await addressPods.GetByTestId("pods-summary").Filter(new() { HasText = "1 interfaces of 1 pods" }).WaitForAsync();
Figure($"/pods: filter by exact address (typing to result, {address}, incl. 250 ms debounce)", $"{Ms(await PageTiming.SinceArmedAsync(addressPods))} (Playwright's polled wait {Ms(filter.Elapsed)})");
await pods.CloseAsync();
await addressPods.CloseAsync();

// Counters: every agent sends a delta with every counter every second.
var idleCpu = await CpuShareAsync(pid, window, ct);
Figure($"console CPU, idle agents (heartbeats), no page open (after the pages)", $"{idleCpu:P0} of one core");
Volatile.Write(ref counters, true);
Figure($"console CPU, counter deltas from {shape.Nodes} agents/s, no page open", $"{await CpuShareAsync(pid, window, ct):P0} of one core");
foreach (var (path, ready, readyJs) in pages)
{
    var page = await context.NewPageAsync();
    long frames = 0, bytes = 0;
    page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
    {
        Interlocked.Increment(ref frames);
        Interlocked.Add(ref bytes, frame.Binary?.Length ?? frame.Text?.Length ?? 0);
    };
    var (open, openPolled) = await OpenTimedAsync(page, path, ready, readyJs);
    var (framesBefore, bytesBefore) = (Interlocked.Read(ref frames), Interlocked.Read(ref bytes));
    var cpu = await CpuShareAsync(pid, window, ct);
    var (framesAfter, bytesAfter) = (Interlocked.Read(ref frames), Interlocked.Read(ref bytes));
    var heap = await page.EvaluateAsync<double>("() => performance.memory.usedJSHeapSize");
    Figure($"/{path} under counters: navigation to first rows", $"{Ms(open)} (Playwright's polled wait {Ms(openPolled)})");
    Figure($"/{path} under counters: SignalR messages/s to the page",
        $"{(framesAfter - framesBefore) / window.TotalSeconds:0.0} ({(bytesAfter - bytesBefore) / window.TotalSeconds / 1024:0} KiB/s)");
    Figure($"/{path} under counters: console CPU", $"{cpu:P0} of one core");
    Figure($"/{path} under counters: browser JS heap", $"{heap / 1024 / 1024:0.0} MiB");
    await page.CloseAsync();
}

Figure("console working set after everything", $"{ProcessStats.WorkingSetMib(pid):0} MiB");
Console.WriteLine($"  memory: {await MemoryBreakdown.DescribeAsync(pid, web.BaseUrl, ct)}");
Figure("reports acknowledged", agents.Sum(a => a.Acked).ToString(CultureInfo.InvariantCulture));
await cts.CancelAsync();
try
{
    await reporting;
}
catch (Exception ex) when (ex is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled })
{
}

foreach (var agent in agents)
{
    await agent.DisposeAsync();
}

var width = figures.Max(f => f.Name.Length);
Console.WriteLine();
Console.WriteLine($"| {"figure".PadRight(width)} | value |");
Console.WriteLine($"|{new string('-', width + 2)}|-------|");
foreach (var (name, value) in figures)
{
    Console.WriteLine($"| {name.PadRight(width)} | {value} |");
}

// The shell marks itself interactive once the circuit has rendered the page (earlier consoles have no marker: nothing to wait for).
static Task Interactive(IPage page) => page.Locator("[data-interactive=false]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

static async Task<double> CpuShareAsync(int pid, TimeSpan window, CancellationToken cancellationToken)
{
    var before = ProcessStats.CpuTime(pid);
    await Task.Delay(window, cancellationToken);
    return (ProcessStats.CpuTime(pid) - before) / window;
}

static async Task<int> PodsInUse(HttpClient http, CancellationToken cancellationToken)
{
    using var networks = await http.GetFromJsonAsync<JsonDocument>("api/v1/networks", cancellationToken);
    return networks!.RootElement.EnumerateArray()
        .Sum(n => n.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object ? usage.GetProperty("pods").GetInt32() : 0);
}
