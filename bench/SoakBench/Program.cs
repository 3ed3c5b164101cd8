using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Multinet.ConsoleScaleBench;
using Multinet.Contracts.Agent.V1;
using Multinet.E2ETests.Infrastructure;
using Multinet.SoakBench;

// Soak drill: the real console process (Release, embedded API) with N synthetic agents on the real gRPC contract, each
// sending a counter delta every second, and M Blazor circuits: real Chromium pages (headless, Playwright) over the live
// pages, each its own document and SignalR circuit, opened five at a time, each done once it has its first render batch.
// The soak then runs for the given minutes from the moment the last circuit is open: the first minutes (warm-up, 3 by
// default) are reported but not judged; memory growth is judged by the trend of the working set after the warm-up (a
// least-squares line through its samples, MemoryTrend), and printed end against the end of the warm-up and against the
// start. Every circuit must still be connected at the end and have received render batches after the warm-up.
// Errors counted: console log lines at warn/fail, stalled agent streams, send errors, page errors, crashes, browser console
// errors, circuits that lost their connection. Each sample also prints the managed heap by generation (from /metrics).
// SOAK_DUMP=<dir> also takes a process dump (dotnet-dump, for dumpheap -stat -live) at the end of the warm-up and at the end. Usage: bench/soak.sh [agents=200] [circuits=100] [minutes=10] [warm-up minutes=3]
var arguments = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
int Arg(int i, int fallback) => arguments.Length > i ? arguments[i] : fallback;
var shape = new ScaleShape(Nodes: Arg(0, 200), Networks: 5, PodsPerNode: 10, Peers: 4);
var circuits = Arg(1, 100);
var duration = TimeSpan.FromMinutes(Arg(2, 10));
var warmUp = TimeSpan.FromMinutes(Arg(3, 3));
var renderers = int.TryParse(Environment.GetEnvironmentVariable("SOAK_RENDERERS"), out var r) ? r : 6;
var dumps = Environment.GetEnvironmentVariable("SOAK_DUMP");
using var cts = new CancellationTokenSource(duration + TimeSpan.FromMinutes(60));
var ct = cts.Token;

Console.WriteLine($"soak: {shape.Nodes} agents at 1 Hz, {circuits} browser circuits, {duration.TotalMinutes:0} min ({warmUp.TotalMinutes:0} min warm-up); " +
    $"{shape.Pods} pods in {shape.Networks} Networks; Chromium with {renderers} renderer processes; load {Load()}");
await using var web = await WebProcess.StartAsync(["--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Multinet.KubeApi.Hosting", "Information"], cancellationToken: ct);
var pid = web.ProcessId;
using var api = ClusterLoad.CreateClient(web.BaseUrl, web.DataDir);
await ClusterLoad.NetworksAsync(api, shape, ct);
await ClusterLoad.PodsAsync(api, shape, parallelism: 8, ct);

using var channel = GrpcChannel.ForAddress(web.GrpcUrl, new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
    MaxReceiveMessageSize = null,
    MaxSendMessageSize = null,
});
var client = new AgentGateway.AgentGatewayClient(channel);
var secret = (await File.ReadAllTextAsync(Path.Combine(web.DataDir, "agent-secret"), ct)).Trim();
var agents = Enumerable.Range(0, shape.Nodes).Select(i => new SyntheticAgent(i, shape)).ToList();
foreach (var agent in agents)
{
    await agent.ConnectAsync(client, secret, ct);
}

long sendErrors = 0;
var reporting = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    for (long tick = 1; await timer.WaitForNextTickAsync(ct); tick++)
    {
        foreach (var agent in agents)
        {
            try
            {
                await agent.SendCountersAsync(tick, ct);
            }
            catch (Exception ex) when (ex is Grpc.Core.RpcException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref sendErrors);
            }
        }
    }
}, ct);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("BROWSER_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
    Headless = true,
    // One browser; its pages share a few renderer processes (each page is still its own document, JS heap and circuit).
    // No GPU, no images, no background throttling (a throttled page would stop taking its live batches).
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
        "--disable-extensions", "--mute-audio", "--blink-settings=imagesEnabled=false", $"--renderer-process-limit={renderers}"],
});

// Live pages: the tables with counters (memif, nodes, a node), the tunnel mesh of a network, and the overview pages.
string[] paths = ["memif", "nodes", "nodes/" + SyntheticAgent.NodeName(0), "", "networks/" + SyntheticAgent.Network(0), "pods", "networks", "timeline"];
long pageErrors = 0, crashes = 0, consoleErrors = 0, unopened = 0;
var browserErrors = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
var pages = new List<(IPage Page, string Path)>();
var opening = Stopwatch.StartNew();
IBrowserContext? context = null;
async Task<(IPage Page, string Path)?> OpenAsync(IBrowserContext context, int i)
{
    var page = await context.NewPageAsync();
    page.PageError += (_, e) => Interlocked.Increment(ref pageErrors);
    page.Crash += (_, _) => Interlocked.Increment(ref crashes);
    page.Console += (_, m) =>
    {
        if (m.Type == "error" || m.Text.Contains("Connection disconnected", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref consoleErrors);
            browserErrors.TryAdd(m.Text.Length > 200 ? m.Text[..200] : m.Text, 0);
        }
    };
    var target = paths[i % paths.Length];
    try
    {
        await page.GotoAsync("/" + target);
        // Open once its circuit has rendered into the page: the layout is there and a render batch came over the socket.
        await page.WaitForFunctionAsync("() => window.__soak && window.__soak.batches > 0 && document.querySelector('.mud-main-content') !== null");
    }
    catch (TimeoutException ex)
    {
        // No first render batch within the page timeout: that circuit is an error; the soak goes on with the others.
        Interlocked.Increment(ref unopened);
        Console.WriteLine($"  circuit {i} (/{target}) not open within the page timeout: {ex.Message.Split('\n')[0]}");
        await page.CloseAsync();
        return null;
    }

    return (page, target);
}

// Ten pages per browser context (one signed-in session each), opened five at a time.
for (var i = 0; i < circuits; i += 5)
{
    if (i % 10 == 0)
    {
        context = await browser.NewSignedInContextAsync(web, ct, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 640 } });
        context.SetDefaultTimeout(300_000);
        await context.AddInitScriptAsync(CircuitProbe.InitScript);
    }

    var wave = context!;
    var opened = await Task.WhenAll(Enumerable.Range(i, Math.Min(5, circuits - i)).Select(j => OpenAsync(wave, j)));
    pages.AddRange(opened.OfType<(IPage Page, string Path)>());
    if (i + 5 >= circuits || (i + 5) % 10 == 0)
    {
        Console.WriteLine($"  {pages.Count} circuits open after {opening.Elapsed.TotalSeconds:0} s (console {ProcessStats.WorkingSetMib(pid):0} MiB; load {Load()})");
    }
}

opening.Stop();
Console.WriteLine($"  {pages.Count} circuits open in {opening.Elapsed.TotalSeconds:0} s; the console counts {await LiveCircuitsAsync(web, ct)} live circuits");
var samples = new List<(TimeSpan At, double Mib)>();
var heaps = new List<HeapGauges.Reading>();
var soak = Stopwatch.StartNew();
var logLinesAtStart = ErrorLines(web.Output).Count;
var ackedAtStart = agents.Select(a => a.Acked).ToList();
CircuitProbe.Reading[]? atWarmUp = null;
double warmMib = 0;
while (soak.Elapsed < duration)
{
    samples.Add((soak.Elapsed, ProcessStats.WorkingSetMib(pid)));
    heaps.Add(await HeapGauges.ReadAsync(web.BaseUrl, ct));
    Console.WriteLine($"  {soak.Elapsed:mm\\:ss} console working set {samples[^1].Mib:0} MiB, managed heap after the last GC {heaps[^1].TotalMib:0} MiB " +
        $"({heaps[^1]}), CPU so far {ProcessStats.CpuTime(pid).TotalSeconds:0} s, load {Load()}");
    if (atWarmUp is null && soak.Elapsed >= warmUp)
    {
        warmMib = samples[^1].Mib;
        atWarmUp = await ReadAllAsync(pages);
        Console.WriteLine($"  end of warm-up: {warmMib:0} MiB{await HeapGauges.DumpAsync(dumps, pid, "warm-up", ct)}");
    }

    await Task.Delay(TimeSpan.FromSeconds(30), ct);
}

samples.Add((soak.Elapsed, ProcessStats.WorkingSetMib(pid)));
heaps.Add(await HeapGauges.ReadAsync(web.BaseUrl, ct));
soak.Stop();
atWarmUp ??= new CircuitProbe.Reading[pages.Count];
var atEnd = await ReadAllAsync(pages);
var stalledAgents = agents.Where((a, i) => a.Acked <= ackedAtStart[i]).Count();
var disconnected = atEnd.Count(c => !c.Connected);
var silent = atEnd.Where((c, i) => c.Batches <= atWarmUp[i].Batches).Count();
var reconnectShown = 0;
foreach (var (page, _) in pages)
{
    reconnectShown += await page.Locator("#components-reconnect-modal[class*=components-reconnect-]").CountAsync() > 0 ? 1 : 0;
}

var liveCircuits = await LiveCircuitsAsync(web, ct);
// Last: the dump stops the console while it is written.
var dumpEnd = await HeapGauges.DumpAsync(dumps, pid, "end", ct);
var logErrors = ErrorLines(web.Output).Skip(logLinesAtStart).ToList();
var first = samples[0].Mib;
var last = samples[^1].Mib;
var peak = samples.Max(s => s.Mib);
var afterWarmUp = samples.Where(s => s.At >= warmUp).ToList();
var soakMinutes = (soak.Elapsed - warmUp).TotalMinutes;
Console.WriteLine();
Console.WriteLine("| figure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| soak | {shape.Nodes} agents at 1 Hz, {pages.Count} circuits, {soak.Elapsed.TotalMinutes:0.0} min after the last opened ({opening.Elapsed.TotalMinutes:0.0} min to open them) |");
Console.WriteLine($"| console working set at start / end of warm-up ({warmUp.TotalMinutes:0} min) / end / peak | {first:0} / {warmMib:0} / {last:0} / {peak:0} MiB |");
Console.WriteLine($"| memory growth after warm-up (end vs minute {warmUp.TotalMinutes:0}) | {(last / warmMib) - 1:P1} |");
Console.WriteLine($"| memory growth from start (end vs minute 0) | {(last / first) - 1:P1} |");
var trend = MemoryTrend.Of(afterWarmUp);
Console.WriteLine($"| memory trend after warm-up (least-squares line through {afterWarmUp.Count} samples): slope / growth over the judged minutes | {trend.SlopeMibPerMinute:+0.0;-0.0} MiB/min / {trend.Growth:P1} |");
Console.WriteLine($"| managed heap after the last GC: start / end of warm-up / end | {heaps[0].TotalMib:0} / {heaps[samples.FindIndex(s => s.At >= warmUp) is var w and >= 0 ? w : 0].TotalMib:0} / {heaps[^1].TotalMib:0} MiB |");
Console.WriteLine($"| live heap after the last full GC: start / end of warm-up / end | {heaps[0].LiveMib:0} / {heaps[samples.FindIndex(s => s.At >= warmUp) is var l and >= 0 ? l : 0].LiveMib:0} / {heaps[^1].LiveMib:0} MiB |");
Console.WriteLine($"| gen2 after the last GC: min / max after warm-up | {heaps.Where((_, i) => samples[i].At >= warmUp).Select(h => h.SizeMib.GetValueOrDefault("gen2")).DefaultIfEmpty().Min():0} / {heaps.Where((_, i) => samples[i].At >= warmUp).Select(h => h.SizeMib.GetValueOrDefault("gen2")).DefaultIfEmpty().Max():0} MiB |");
Console.WriteLine($"| working set range after warm-up | {afterWarmUp.Min(s => s.Mib):0}–{afterWarmUp.Max(s => s.Mib):0} MiB |");
Console.WriteLine($"| reports acknowledged during the soak | {agents.Sum(a => a.Acked) - ackedAtStart.Sum()} |");
Console.WriteLine($"| agent errors: stalled streams / send errors | {stalledAgents} / {Interlocked.Read(ref sendErrors)} |");
Console.WriteLine($"| console log warnings and failures | {logErrors.Count} |");
Console.WriteLine($"| circuits: live in the console / connected in the page / without render batches after warm-up | {liveCircuits} / {pages.Count - disconnected} / {silent} |");
Console.WriteLine($"| circuits without a first render batch within the page timeout (not soaked) | {unopened} of {circuits} |");
Console.WriteLine($"| render batches per circuit after warm-up ({soakMinutes:0.0} min), min / median | {string.Join(" / ", Spread(atEnd, atWarmUp))} |");
Console.WriteLine($"| browser: page errors / crashes / console errors / reconnect shown | {pageErrors} / {crashes} / {consoleErrors} / {reconnectShown} |");
foreach (var group in pages.Select((p, i) => (p.Path, Batches: atEnd[i].Batches - atWarmUp[i].Batches)).GroupBy(p => p.Path))
{
    Console.WriteLine($"  /{group.Key}: {group.Count()} circuits, render batches after warm-up min {group.Min(g => g.Batches)}, max {group.Max(g => g.Batches)}");
}

foreach (var line in logErrors.Take(10).Concat(browserErrors.Keys.Take(10).Select(text => $"browser: {text}")))
{
    Console.WriteLine($"  {line}");
}

Console.WriteLine(dumpEnd.Length > 0 ? $"  process dumps:{dumpEnd}" : "");
await cts.CancelAsync();
try
{
    await reporting;
}
catch (Exception ex) when (ex is OperationCanceledException or Grpc.Core.RpcException)
{
}

foreach (var agent in agents)
{
    await agent.DisposeAsync();
}

var errors = stalledAgents + sendErrors + logErrors.Count + pageErrors + crashes + consoleErrors + reconnectShown + disconnected + silent + unopened;
// Judged on the trend: where the last sample falls on the collector's sawtooth is chance (both figures are printed).
return errors == 0 && trend.Growth <= 0.05 ? 0 : 1;

static List<string> ErrorLines(string output) =>
    [.. output.Split('\n').Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))];

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static async Task<CircuitProbe.Reading[]> ReadAllAsync(List<(IPage Page, string Path)> pages)
{
    var readings = new CircuitProbe.Reading[pages.Count];
    for (var i = 0; i < pages.Count; i++)
    {
        readings[i] = await CircuitProbe.ReadAsync(pages[i].Page);
    }

    return readings;
}

static IEnumerable<long> Spread(CircuitProbe.Reading[] end, CircuitProbe.Reading[] start)
{
    var batches = end.Select((e, i) => e.Batches - start[i].Batches).Order().ToList();
    return batches.Count == 0 ? [0, 0] : [batches[0], batches[batches.Count / 2]];
}

// The console's own count of live circuits (multinet_console_circuits_live on /metrics).
static async Task<string> LiveCircuitsAsync(WebProcess web, CancellationToken ct)
{
    using var http = new HttpClient { BaseAddress = web.BaseUrl };
    var metrics = await http.GetStringAsync("/metrics", ct);
    return metrics.Split('\n').FirstOrDefault(l => l.StartsWith("multinet_console_circuits_live", StringComparison.Ordinal)) is { } line
        ? SampleValue(line).ToString(CultureInfo.InvariantCulture)
        : "?";
}

// A Prometheus sample line's value: the first field after the name and its labels (a timestamp may follow).
static double SampleValue(string line)
{
    var rest = line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : line.IndexOf(' ', StringComparison.Ordinal))..].Trim();
    return double.Parse(rest.Split(' ')[0], CultureInfo.InvariantCulture);
}
