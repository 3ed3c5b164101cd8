using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Multinet.ConsoleScaleBench;
using Multinet.Contracts.Agent.V1;
using Multinet.E2ETests.Infrastructure;

// Soak drill: the real console process (Release, embedded API) with N synthetic agents on the real gRPC contract, each
// sending a counter delta every second, and M Blazor circuits: real Chromium pages (headless, Playwright) spread over
// the live pages, each a SignalR circuit receiving the console's updates. For the given minutes it samples the
// console's resident memory and counts errors: console log lines at warn/fail, rejected or stalled agent streams, page
// errors, crashed pages and circuits that lost their connection. Memory growth is the last sample against the first
// one taken after everything is open and warmed up. Usage: bench/soak.sh [agents=200] [circuits=100] [minutes=10]
var arguments = args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
int Arg(int i, int fallback) => arguments.Length > i ? arguments[i] : fallback;
var shape = new ScaleShape(Nodes: Arg(0, 200), Networks: 5, PodsPerNode: 10, Peers: 4);
var circuits = Arg(1, 100);
var duration = TimeSpan.FromMinutes(Arg(2, 10));
using var cts = new CancellationTokenSource(duration + TimeSpan.FromMinutes(60)); // opening 100 circuits on a busy 2-core machine took half an hour
var ct = cts.Token;

Console.WriteLine($"soak: {shape.Nodes} agents at 1 Hz, {circuits} browser circuits, {duration.TotalMinutes:0} min; {shape.Pods} pods in {shape.Networks} Networks");
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
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
        "--renderer-process-limit=8"], // 100 pages share 8 renderer processes: each page is still its own document and Blazor circuit
});
string[] paths = ["", "nodes", "networks", "pods", "memif", "timeline"];
long pageErrors = 0, crashes = 0, disconnects = 0;
var browserErrors = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
var pages = new List<IPage>();
var opening = Stopwatch.StartNew();
for (var c = 0; c < circuits; c += 10)
{
    var context = await browser.NewSignedInContextAsync(web, ct);
    context.SetDefaultTimeout(180_000);
    for (var i = c; i < Math.Min(circuits, c + 10); i++)
    {
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => Interlocked.Increment(ref pageErrors);
        page.Crash += (_, _) => Interlocked.Increment(ref crashes);
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Connection disconnected", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref disconnects);
                browserErrors.TryAdd(m.Text.Length > 200 ? m.Text[..200] : m.Text, 0);
            }
        };
        await page.GotoAsync("/" + paths[i % paths.Length]);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('.mud-main-content') !== null");
        pages.Add(page);
    }

    Console.WriteLine($"  {pages.Count} circuits open after {opening.Elapsed.TotalSeconds:0} s");
}

// Three minutes: in the first run the working set still climbed for two and a half minutes after the last circuit opened.
Console.WriteLine($"  {pages.Count} circuits open in {opening.Elapsed.TotalSeconds:0} s; warming up 3 min");
await Task.Delay(TimeSpan.FromMinutes(3), ct);
var logLinesBefore = ErrorLines(web.Output).Count;
var ackedBefore = agents.Select(a => a.Acked).ToList();
var samples = new List<(TimeSpan At, double Mib)>();
var soak = Stopwatch.StartNew();
while (soak.Elapsed < duration)
{
    samples.Add((soak.Elapsed, ProcessStats.WorkingSetMib(pid)));
    Console.WriteLine($"  {soak.Elapsed:mm\\:ss} console working set {samples[^1].Mib:0} MiB, CPU so far {ProcessStats.CpuTime(pid).TotalSeconds:0} s");
    await Task.Delay(TimeSpan.FromSeconds(30), ct);
}

samples.Add((soak.Elapsed, ProcessStats.WorkingSetMib(pid)));
var stalled = agents.Where((a, i) => a.Acked <= ackedBefore[i]).Count();
var reconnectShown = 0;
foreach (var page in pages)
{
    reconnectShown += await page.Locator("#components-reconnect-modal[class*=components-reconnect-]").CountAsync() > 0 ? 1 : 0;
}

var logErrors = ErrorLines(web.Output).Skip(logLinesBefore).ToList();
var first = samples[0].Mib;
var last = samples[^1].Mib;
var peak = samples.Max(s => s.Mib);
Console.WriteLine();
Console.WriteLine($"| figure | value |");
Console.WriteLine($"|---|---|");
Console.WriteLine($"| soak | {shape.Nodes} agents at 1 Hz, {pages.Count} circuits, {soak.Elapsed.TotalMinutes:0.0} min |");
Console.WriteLine($"| console working set first / last / peak | {first:0} / {last:0} / {peak:0} MiB |");
Console.WriteLine($"| memory growth (last vs first) | {(last / first) - 1:P1} |");
Console.WriteLine($"| reports acknowledged during the soak | {agents.Sum(a => a.Acked) - ackedBefore.Sum()} |");
Console.WriteLine($"| agent errors: stalled streams / send errors | {stalled} / {Interlocked.Read(ref sendErrors)} |");
Console.WriteLine($"| console log warnings and failures | {logErrors.Count} |");
Console.WriteLine($"| browser: page errors / crashes / console errors / reconnect shown | {pageErrors} / {crashes} / {disconnects} / {reconnectShown} |");
foreach (var line in logErrors.Take(10).Concat(browserErrors.Keys.Take(10).Select(text => $"browser: {text}")))
{
    Console.WriteLine($"  {line}");
}

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

var errors = stalled + sendErrors + logErrors.Count + pageErrors + crashes + disconnects + reconnectShown;
return errors == 0 && last <= first * 1.05 ? 0 : 1;

static List<string> ErrorLines(string output) =>
    [.. output.Split('\n').Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))];
