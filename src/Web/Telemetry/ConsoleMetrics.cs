using System.Diagnostics.Metrics;
using Multinet.Kube;
using Multinet.Web.Grpc;

namespace Multinet.Web.Telemetry;

/// <summary>
/// The console's instruments (meter <see cref="MeterName"/>): connected agents, apply propagation (a change as the
/// console's watch saw it, to the last awaited node's applied report), live Blazor circuits and SignalR hub messages. API
/// request latency is ASP.NET Core's own http.server.request.duration.
/// </summary>
internal static class ConsoleMetrics
{
    public const string MeterName = MeterNames.Console;

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Lock s_lock = new();
    private static readonly List<WeakReference<AgentConnections>> s_connections = [];

    private static readonly Histogram<double> s_propagation = s_meter.CreateHistogram<double>(
        "multinet.console.apply.propagation", unit: "s",
        description: "From a change seen by the console's watch to the last affected node reporting it applied, by kind.");

    private static readonly UpDownCounter<long> s_circuits = s_meter.CreateUpDownCounter<long>(
        "multinet.console.circuits.live", unit: "{circuit}", description: "Blazor Server circuits (open browser tabs) connected now.");

    private static readonly Counter<long> s_hubMessages = s_meter.CreateCounter<long>(
        "multinet.console.hub.messages", unit: "{message}", description: "Messages broadcast to the SignalR live hub's clients, by method.");

    static ConsoleMetrics()
    {
        s_meter.CreateObservableGauge("multinet.console.agents.connected", ConnectedAgents, unit: "{agent}",
            description: "Agents with an open, authenticated report stream.");
        s_meter.CreateObservableGauge("multinet.console.gc.live", LiveHeapBytes, unit: "By",
            description: "Managed bytes the last full (gen2) collection found reachable: the live heap, without the garbage that the heap's size after a younger collection still counts.");
    }

    /// <summary>Counts <paramref name="connections"/>'s streams in the connected-agents gauge while it lives.</summary>
    public static void Track(AgentConnections connections)
    {
        lock (s_lock)
        {
            s_connections.RemoveAll(r => !r.TryGetTarget(out _));
            s_connections.Add(new WeakReference<AgentConnections>(connections));
        }
    }

    public static void Propagated(string kind, TimeSpan elapsed) => s_propagation.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    public static void CircuitOpened() => s_circuits.Add(1);

    public static void CircuitClosed() => s_circuits.Add(-1);

    public static void HubMessage(string method) => s_hubMessages.Add(1, new KeyValuePair<string, object?>("method", method));

    /// <summary>What the latest full collection, background or blocking, kept: every generation is collected in one, so what it promoted is what was reachable.</summary>
    internal static long LiveHeapBytes()
    {
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return (background.Index >= blocking.Index ? background : blocking).PromotedBytes;
    }

    private static long ConnectedAgents()
    {
        lock (s_lock)
        {
            return s_connections.Sum(r => r.TryGetTarget(out var c) ? c.Count : 0);
        }
    }
}
