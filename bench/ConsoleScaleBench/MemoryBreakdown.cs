using System.Globalization;
using System.Text;

namespace Multinet.ConsoleScaleBench;

/// <summary>
/// Where a process's resident memory is: anonymous (the GC heap, native allocations, JIT'd code) against file-backed
/// (mapped assemblies and native libraries), from /proc; and the runtime's own view from the console's /metrics
/// (the managed heap after the last collection by generation, its fragmentation, what the GC has committed, JIT'd IL).
/// </summary>
internal static class MemoryBreakdown
{
    private static readonly string[] s_metrics =
    [
        "dotnet_gc_last_collection_heap_size_bytes", "dotnet_gc_last_collection_heap_fragmentation_size_bytes",
        "dotnet_gc_last_collection_memory_committed_size_bytes", "dotnet_jit_compiled_il_size_bytes", "dotnet_jit_compiled_methods",
        "dotnet_assembly_count", "multinet_console_circuits",
    ];

    public static async Task<string> DescribeAsync(int pid, Uri baseUrl, CancellationToken cancellationToken)
    {
        var status = File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("Rss", StringComparison.Ordinal))
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => long.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"RSS anonymous {status.GetValueOrDefault("RssAnon") / 1024.0:0} MiB, file-backed {status.GetValueOrDefault("RssFile") / 1024.0:0} MiB, shared memory {status.GetValueOrDefault("RssShmem") / 1024.0:0} MiB");
        text.Append(CultureInfo.InvariantCulture, $"\n    {AnonymousMappings(pid)}");
        try
        {
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            var metrics = await http.GetStringAsync("metrics", cancellationToken);
            foreach (var line in metrics.Split('\n'))
            {
                if (line.Length > 0 && line[0] != '#' && s_metrics.Any(m => line.StartsWith(m, StringComparison.Ordinal)))
                {
                    var cut = line.LastIndexOf(' ');
                    var name = line[..cut].Replace("otel_scope_name=\"System.Runtime\",", "", StringComparison.Ordinal);
                    var value = double.Parse(line[(cut + 1)..], CultureInfo.InvariantCulture);
                    text.Append(CultureInfo.InvariantCulture, $"\n    {name} = {(name.Contains("bytes", StringComparison.Ordinal) ? $"{value / 1024 / 1024:0.0} MiB" : $"{value:0}")}");
                }
            }
        }
        catch (HttpRequestException ex)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    /metrics unavailable: {ex.Message}");
        }

        return text.ToString();
    }

    /// <summary>
    /// Resident anonymous memory by kind of mapping: the C heap (<c>[heap]</c> and glibc's per-thread arenas: 64
    /// MiB-aligned mappings of at most 64 MiB) and the rest (the GC's regions, the runtime's loader heaps, thread
    /// stacks, native libraries' data).
    /// </summary>
    private static string AnonymousMappings(int pid)
    {
        long heap = 0, arenas = 0, other = 0, start = 0, size = 0;
        var arenaCount = 0;
        string? name = null;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var first = line.IndexOf(' ', StringComparison.Ordinal);
            if (first > 0 && line.IndexOf('-', StringComparison.Ordinal) is var dash && dash > 0 && dash < first)
            {
                start = long.Parse(line[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                size = long.Parse(line[(dash + 1)..first], NumberStyles.HexNumber, CultureInfo.InvariantCulture) - start;
                var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                name = parts.Length > 5 ? parts[5].Trim() : "";
            }
            else if (line.StartsWith("Anonymous:", StringComparison.Ordinal) && name is not null)
            {
                var kib = long.Parse(line["Anonymous:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                if (kib == 0)
                {
                    continue;
                }

                if (name == "[heap]")
                {
                    heap += kib;
                }
                else if (name.Length > 0)
                {
                    other += kib;
                }
                else if (start % (64L << 20) == 0 && size <= 64L << 20)
                {
                    arenas += kib;
                    arenaCount++;
                }
                else
                {
                    other += kib;
                }
            }
        }

        return $"anonymous: C heap {heap / 1024.0:0} MiB + {arenaCount} arenas {arenas / 1024.0:0} MiB, GC heap and the rest {other / 1024.0:0} MiB";
    }
}
