using System.Diagnostics;
using System.Text;
using Multinet.E2ETests.Infrastructure;

namespace Multinet.KubeApiBench;

/// <summary>
/// Opens N watches of Networks from the current resourceVersion (each on its own connection), changes one Network,
/// and measures, per watcher, the time from sending the patch to reading its MODIFIED event. Returns sorted ms.
/// </summary>
internal static class WatchFanOut
{
    public static async Task<double[]> MeasureAsync(WebProcess console, int watchers, CancellationToken cancellationToken)
    {
        using var api = ApiClient.Create(console);
        using var list = await api.GetAsync($"{NetworkLoad.Collection}?limit=1", cancellationToken);
        var listJson = System.Text.Json.Nodes.JsonNode.Parse(await list.Content.ReadAsStringAsync(cancellationToken))!;
        var from = listJson["metadata"]!["resourceVersion"]!.GetValue<string>();

        var clients = Enumerable.Range(0, watchers).Select(_ => ApiClient.Create(console)).ToList();
        try
        {
            // With bookmarks on, the server writes one as soon as the watch is subscribed: reading it proves the watch is live.
            var streams = await Task.WhenAll(clients.Select(async client =>
            {
                var response = await client.GetAsync($"{NetworkLoad.Collection}?watch=true&allowWatchBookmarks=true&resourceVersion={from}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                var first = await reader.ReadLineAsync(cancellationToken);
                return first is not null && first.Contains("\"BOOKMARK\"", StringComparison.Ordinal)
                    ? reader
                    : throw new InvalidOperationException($"Expected a BOOKMARK first, got: {first}");
            }));

            Console.WriteLine($"{watchers} watches open from resourceVersion {from}");
            var stopwatch = new Stopwatch();
            var received = streams.Select(async reader =>
            {
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Contains("\"MODIFIED\"", StringComparison.Ordinal))
                    {
                        return stopwatch.Elapsed.TotalMilliseconds;
                    }
                }

                throw new EndOfStreamException("A watch ended before the change arrived.");
            }).ToList();

            stopwatch.Start();
            using var patch = await api.PatchAsync($"{NetworkLoad.Collection}/bench-0000",
                new StringContent("""{"metadata":{"labels":{"bench":"changed"}}}""", Encoding.UTF8, "application/merge-patch+json"), cancellationToken);
            patch.EnsureSuccessStatusCode();
            Console.WriteLine($"patched after {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
            var latencies = await Task.WhenAll(received);
            Array.Sort(latencies);
            foreach (var reader in streams)
            {
                reader.Dispose();
            }

            return latencies;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
