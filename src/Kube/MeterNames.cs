namespace Multinet.Kube;

/// <summary>The meters of the product, by which a host chooses what its Prometheus endpoint exports.</summary>
public static class MeterNames
{
    /// <summary>The node agent's (reconciles, dataplane operations and calls, drift repairs).</summary>
    public const string Agent = "Multinet.Agent";

    /// <summary>The console's (connected agents, apply propagation, circuits, hub messages).</summary>
    public const string Console = "Multinet.Console";

    /// <summary>The list/watch loops both share (watch restarts).</summary>
    public const string Kube = WatchMetrics.MeterName;
}
