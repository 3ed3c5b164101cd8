using System.Diagnostics;
using System.Text;

namespace Multinet.KubeApiBench;

/// <summary>
/// Opens N watches of Networks from the current resourceVersion (each on its own connection), then changes one Network
/// <c>events</c> times, one after another (after one warm-up change), and measures, per watcher and change, the time from sending the patch to
/// reading its MODIFIED event. The same on either server: a watch counts as open once its response headers arrived
/// (both servers register the watch before sending them). Returns the sorted latencies in ms, every watcher × change.
/// </summary>
internal static class WatchFanOut
{
    public static async Task<double[]> MeasureAsync(string server, Func<HttpClient> createClient, int watchers, int events, CancellationToken cancellationToken)
    {
        using var api = createClient();
        using var list = await api.GetAsync($"{NetworkLoad.Collection}?limit=1", cancellationToken);
        list.EnsureSuccessStatusCode();
        var listJson = System.Text.Json.Nodes.JsonNode.Parse(await list.Content.ReadAsStringAsync(cancellationToken))!;
        var from = listJson["metadata"]!["resourceVersion"]!.GetValue<string>();

        var clients = Enumerable.Range(0, watchers).Select(_ => createClient()).ToList();
        var readers = new List<StreamReader>();
        try
        {
            readers.AddRange(await Task.WhenAll(clients.Select(async client =>
            {
                var response = await client.GetAsync($"{NetworkLoad.Collection}?watch=true&allowWatchBookmarks=true&resourceVersion={from}",
                    HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                return new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            })));

            Console.WriteLine($"{server}: {watchers} watches open from resourceVersion {from}; {events} changes, one after another");
            var round = new Round(watchers);
            var latencies = new List<double>();
            var reading = readers.Select(reader => Task.Run(async () =>
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Contains("\"MODIFIED\"", StringComparison.Ordinal))
                    {
                        round.Received(Stopwatch.GetElapsedTime(round.Started).TotalMilliseconds);
                    }
                }
            }, cancellationToken)).ToList();

            for (var i = -1; i < events; i++)
            {
                var done = round.Start();
                using var patch = await api.PatchAsync($"{NetworkLoad.Collection}/bench-0000",
                    new StringContent("{\"metadata\":{\"labels\":{\"bench\":\"changed-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8] + "\"}}}", Encoding.UTF8, "application/merge-patch+json"),
                    cancellationToken);
                patch.EnsureSuccessStatusCode();
                var patched = Stopwatch.GetElapsedTime(round.Started).TotalMilliseconds;
                var took = await done.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
                Console.WriteLine($"  change {(i < 0 ? "0 (warm-up, not counted)" : i + 1)}: patch acknowledged after {patched:F1} ms, last watcher at {took.Max():F1} ms");
                if (i >= 0)
                {
                    latencies.AddRange(took);
                }
            }

            foreach (var reader in readers)
            {
                reader.Dispose();
            }

            await Task.WhenAll(reading.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            latencies.Sort();
            return [.. latencies];
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>One change in flight: its start, and the latencies of the watchers that have read it.</summary>
    private sealed class Round(int watchers)
    {
        private readonly Lock _lock = new();
        private List<double> _took = [];
        private TaskCompletionSource<List<double>> _done = new();

        public long Started { get; private set; }

        public Task<List<double>> Start()
        {
            lock (_lock)
            {
                _took = new List<double>(watchers);
                _done = new TaskCompletionSource<List<double>>(TaskCreationOptions.RunContinuationsAsynchronously);
                Started = Stopwatch.GetTimestamp();
                return _done.Task;
            }
        }

        public void Received(double ms)
        {
            lock (_lock)
            {
                _took.Add(ms);
                if (_took.Count == watchers)
                {
                    _done.TrySetResult(_took);
                }
            }
        }
    }
}
