using System.Diagnostics.Metrics;

namespace Multinet.Kube;

/// <summary>
/// Instruments of the list/watch loops (meter <see cref="MeterName"/>): a watch that had to be started again, because it
/// ended, expired (410) or failed. The agent and the console both export it.
/// </summary>
public static class WatchMetrics
{
    public const string MeterName = "Multinet.Kube";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly Counter<long> s_restarts = s_meter.CreateCounter<long>(
        "multinet.watch.restarts", unit: "{restart}", description: "Watches started again after the previous one ended, expired or failed.");

    /// <summary>Counts one restart of the watch of <paramref name="kind"/>; <paramref name="reason"/> is ended, expired or failed.</summary>
    public static void Restarted(string kind, string reason) =>
        s_restarts.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));
}
