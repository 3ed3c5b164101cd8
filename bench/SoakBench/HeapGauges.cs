using System.Diagnostics;
using System.Globalization;

namespace Multinet.SoakBench;

/// <summary>
/// The console's managed heap as its runtime metrics show it (from /metrics, without forcing a collection): the size of
/// each generation after the last collection, its fragmentation, what the GC has committed, and how many collections of
/// each generation ran. A heap whose gen2 grows between full collections and falls back after one holds garbage waiting
/// for the next full collection; one whose size after full collections keeps growing holds more live objects (the console's
/// multinet.console.gc.live gauge: what the last full collection found reachable). With it, the thread pool's threads and
/// the work items queued at that moment: a queue that stays long says the pool is starved.
/// </summary>
internal static class HeapGauges
{
    internal sealed record Reading(IReadOnlyDictionary<string, double> SizeMib, double FragmentationMib, double CommittedMib, IReadOnlyDictionary<string, double> Collections, double LiveMib,
        double PoolThreads, double PoolQueued)
    {
        public double TotalMib => SizeMib.Values.Sum();

        public override string ToString() =>
            $"gen0/gen1/gen2/loh/poh {string.Join(" / ", s_generations.Select(g => SizeMib.GetValueOrDefault(g).ToString("0", CultureInfo.InvariantCulture)))} MiB, " +
            $"fragmented {FragmentationMib:0}, committed {CommittedMib:0} MiB, live after the last full GC {LiveMib:0} MiB; collections gen0/gen1/gen2 " +
            string.Join(" / ", s_generations.Take(3).Select(g => Collections.GetValueOrDefault(g).ToString("0", CultureInfo.InvariantCulture))) +
            $"; thread pool {PoolThreads:0} threads, {PoolQueued:0} work items queued";
    }

    private static readonly string[] s_generations = ["gen0", "gen1", "gen2", "loh", "poh"];

    public static async Task<Reading> ReadAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var lines = (await http.GetStringAsync("/metrics", cancellationToken)).Split('\n');
        return new Reading(ByGeneration(lines, "dotnet_gc_last_collection_heap_size_bytes", 1024 * 1024),
            ByGeneration(lines, "dotnet_gc_last_collection_heap_fragmentation_size_bytes", 1024 * 1024).Values.Sum(),
            ByGeneration(lines, "dotnet_gc_last_collection_memory_committed_size_bytes", 1024 * 1024).Values.Sum(),
            ByGeneration(lines, "dotnet_gc_collections_total", 1),
            ByGeneration(lines, "multinet_console_gc_live", 1024 * 1024).Values.Sum(),
            ByGeneration(lines, "dotnet_thread_pool_thread_count", 1).Values.Sum(),
            ByGeneration(lines, "dotnet_thread_pool_queue_length", 1).Values.Sum());
    }

    /// <summary>
    /// A full process dump (<c>dotnet-dump collect</c>) into <paramref name="directory"/>, for <c>dumpheap -stat -live</c>
    /// afterwards: what is still reachable, by type, without a heap walk in the console while it runs. A diagnosis only:
    /// writing a heap of a GiB stops the console long enough (a minute on a busy machine) for circuits to time out.
    /// </summary>
    public static async Task<string> DumpAsync(string? directory, int pid, string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return "";
        }

        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{name}.dump");
        using var collect = Process.Start(new ProcessStartInfo(DotnetDump(), ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--type", "Heap", "-o", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await collect.StandardOutput.ReadToEndAsync(cancellationToken) + await collect.StandardError.ReadToEndAsync(cancellationToken);
        await collect.WaitForExitAsync(cancellationToken);
        return File.Exists(file) ? $"; dump {file}" : $"; no dump: {output.Trim()}";
    }

    /// <summary>dotnet-dump on the PATH, else where <c>dotnet tool install -g</c> puts it (~/.dotnet/tools, often not on the PATH).</summary>
    private static string DotnetDump()
    {
        var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-dump");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "dotnet-dump")));
        return !onPath && File.Exists(installed) ? installed : "dotnet-dump";
    }

    private static Dictionary<string, double> ByGeneration(string[] lines, string metric, double unit)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.StartsWith(metric, StringComparison.Ordinal)))
        {
            var at = line.IndexOf("gc_heap_generation=\"", StringComparison.Ordinal);
            var generation = at < 0 ? "all" : line[(at + 20)..line.IndexOf('"', at + 20)];
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            values[generation] = values.GetValueOrDefault(generation) + (double.Parse(value, CultureInfo.InvariantCulture) / unit);
        }

        return values;
    }
}
