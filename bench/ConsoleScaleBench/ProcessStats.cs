using System.Globalization;

namespace Multinet.ConsoleScaleBench;

/// <summary>A process's CPU time and working set, read from /proc.</summary>
internal static class ProcessStats
{
    private static readonly double s_ticksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User plus system CPU time so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / s_ticksPerSecond);
    }

    /// <summary>The resident set (VmRSS) in MiB.</summary>
    public static double WorkingSetMib(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }
}
