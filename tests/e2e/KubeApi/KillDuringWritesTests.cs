using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using Multinet.E2ETests.Infrastructure;
using Multinet.Shared.Crds;

namespace Multinet.E2ETests.KubeApi;

/// <summary>
/// kill -9 of the console (with its embedded API) in the middle of a stream of Network creates by concurrent writers,
/// then a restart on the same data directory and the rest of the writes. Every create acknowledged before the kill is
/// stored with the resourceVersion it was acknowledged at, and the audit timeline records a creation for every
/// acknowledged Network and no deletion of any: no gap from the crash. <c>MULTINET_DRILL_WRITES</c> sets the number of
/// writes (bench/kill-console.sh runs 1,000; CI 100); the kill comes once half of them are acknowledged.
/// </summary>
public sealed class KillDuringWritesTests : IDisposable
{
    private const int Writers = 8;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("multinet-kill-writes-").FullName;
    private readonly ConcurrentDictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _failed = [];
    private int _next = -1;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static int Writes => int.TryParse(Environment.GetEnvironmentVariable("MULTINET_DRILL_WRITES"), out var n) && n > 1 ? n : 100;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task KillMinus9_DuringWrites_EveryAcknowledgedWriteIsStoredAndInTheTimeline()
    {
        var killAt = Writes / 2;
        int ackedBeforeKill;
        string? adminPassword;
        await using (var first = await WebProcess.StartAsync(cancellationToken: Token, dataDir: _dataDir))
        {
            adminPassword = first.AdminPassword; // the admin exists from the first start on: the restart signs in with it
            using var client = Client(first);
            var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var killing = false;
            var writers = Enumerable.Range(0, Writers).Select(_ => WriteAsync(client, () => Volatile.Read(ref killing), () =>
            {
                if (_acknowledged.Count >= killAt)
                {
                    halfway.TrySetResult();
                }
            })).ToList();
            await Task.WhenAny(halfway.Task, Task.WhenAll(writers));
            Volatile.Write(ref killing, true); // no new write starts; those in flight meet the kill
            await first.KillAsync(Token);
            await Task.WhenAll(writers);
            ackedBeforeKill = _acknowledged.Count;
        }

        var inFlight = _failed.Count;
        var sw = Stopwatch.StartNew();
        await using var second = await WebProcess.StartAsync(cancellationToken: Token, dataDir: _dataDir, adminPassword: adminPassword);
        var restartSeconds = sw.Elapsed.TotalSeconds;
        using (var client = Client(second))
        {
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteAsync(client, () => false, () => { })));
            var stored = (await client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(CrdConstants.NetworkGroup, CrdConstants.NetworkVersion,
                CrdConstants.NetworkPlural, cancellationToken: Token)).Items.ToDictionary(n => n.Metadata.Name, n => long.Parse(n.Metadata.ResourceVersion, CultureInfo.InvariantCulture));
            var lost = _acknowledged.Where(a => !stored.TryGetValue(a.Key, out var version) || version != a.Value).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();

            sw.Restart();
            using var http = await second.HttpClientAsync(Token);
            var (created, deleted) = await TimelineAsync(http, stored.Keys);
            var missing = stored.Keys.Where(name => !created.Contains(name)).Order(StringComparer.Ordinal).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"kill -9 during writes: {Writes} writes by {Writers} writers; {ackedBeforeKill} acknowledged before the kill, {inFlight} in flight at the kill " +
                $"({inFlight - _failed.Count(f => !stored.ContainsKey(f))} of them stored anyway); restart {restartSeconds:F1} s; {_acknowledged.Count} acknowledged in all; " +
                $"lost {lost.Count}; timeline: {created.Count} creations, {missing.Count} missing, {deleted.Count} spurious deletions, caught up in {sw.Elapsed.TotalSeconds:F1} s");

            Assert.True(ackedBeforeKill >= killAt, $"the kill came after {ackedBeforeKill} acknowledged writes");
            Assert.Empty(lost);
            Assert.Empty(missing);
            Assert.Empty(deleted);
        }
    }

    /// <summary>Creates Networks while indexes are left and <paramref name="stopped"/> does not say stop; a write that throws is not acknowledged.</summary>
    private async Task WriteAsync(Kubernetes client, Func<bool> stopped, Action acknowledged)
    {
        while (!stopped() && Interlocked.Increment(ref _next) is var i && i < Writes)
        {
            var name = $"w-{i:D4}";
            try
            {
                var created = await client.CustomObjects.CreateClusterCustomObjectAsync(V3Network.Create(name, 5000 + i, $"10.{100 + (i / 256)}.{i % 256}.0/24"),
                    CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: Token);
                _acknowledged[name] = long.Parse(KubernetesJson.Deserialize<V3Network>(KubernetesJson.Serialize(created)).Metadata.ResourceVersion, CultureInfo.InvariantCulture);
                acknowledged();
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                _failed.Add(name); // the console died under it: not acknowledged
            }
        }
    }

    /// <summary>
    /// The names with a creation and the names with a deletion in the timeline, once it records a creation of every one of
    /// <paramref name="names"/> (or 120 s passed, reached only on failure). The timeline is read through its REST API.
    /// </summary>
    private static async Task<(HashSet<string> Created, HashSet<string> Deleted)> TimelineAsync(HttpClient http, ICollection<string> names)
    {
        using var ceiling = CancellationTokenSource.CreateLinkedTokenSource(Token);
        ceiling.CancelAfter(TimeSpan.FromSeconds(120));
        var created = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                created = await NamesAsync(http, "Created", ceiling.Token);
                if (names.All(created.Contains))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), ceiling.Token); // the timeline has no push feed for scripts: read it again
            }
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
        }

        return (created, await NamesAsync(http, "Deleted", Token));
    }

    private static async Task<HashSet<string>> NamesAsync(HttpClient http, string kind, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? before = null;
        do
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/timeline?object=Network&kind={kind}&limit=500{before}", cancellationToken));
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                names.Add(item.GetProperty("name").GetString()!);
            }

            before = page.RootElement.GetProperty("next") is { ValueKind: JsonValueKind.Number } next ? $"&before={next.GetInt64()}" : null;
        }
        while (before is not null);
        return names;
    }

    private static Kubernetes Client(WebProcess web) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(web.KubeconfigPath!));
}
