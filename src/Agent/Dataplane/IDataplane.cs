using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane;

/// <summary>
/// A node's packet dataplane, reduced to the calls the agent needs. The shape mirrors VPP's binary API
/// (<c>ip_table_dump</c>, <c>ip_table_add_del</c>) so a VPP driver maps one call to one message.
/// </summary>
public interface IDataplane
{
    /// <summary>The driver's name as reported to the console, e.g. "Simulated" or "Vpp".</summary>
    string Kind { get; }

    /// <summary>Every routing table the dataplane holds, including table 0 and tables others created.</summary>
    Task<IReadOnlyList<DataplaneTable>> DumpTablesAsync(CancellationToken cancellationToken);

    /// <summary>Creates a table; fails when the id is already taken under another name.</summary>
    Task AddTableAsync(DataplaneTable table, CancellationToken cancellationToken);

    /// <summary>Deletes a table; fails when it does not exist or is table 0.</summary>
    Task DeleteTableAsync(DataplaneTable table, CancellationToken cancellationToken);

    /// <summary>Everything the dataplane holds: tables, tunnels, pod interfaces (with counters), routes, service entries, policy bindings.</summary>
    Task<DataplaneState> DumpAsync(CancellationToken cancellationToken);

    /// <summary>Issues one operation; throws <see cref="DataplaneException"/> when the dataplane refuses it.</summary>
    Task ApplyAsync(DataplaneOperation operation, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the dataplane that <paramref name="elapsed"/> has passed since the counters were last read. A dataplane that
    /// models its traffic (the simulated one) moves its counters by it; a real one, whose counters move by themselves,
    /// ignores it. The agent calls it before each counters refresh, never asking which dataplane it drives.
    /// </summary>
    void Elapse(TimeSpan elapsed)
    {
    }

    /// <summary>
    /// This node's IPv4 and IPv6 underlay addresses (the Node's InternalIP addresses, the tunnels' source; null when the
    /// Node has none of that family), told before every pass. A dataplane that needs them (VPP: each VRF's loopback holds
    /// the node address its peers route to) keeps them; others ignore them.
    /// </summary>
    void SetUnderlay(string? ipv4, string? ipv6)
    {
    }

    /// <summary>
    /// Sends a probe (echo requests in the network's VRF) and says how many replies came back. A dataplane that cannot
    /// send one throws <see cref="DataplaneException"/>.
    /// </summary>
    Task<DataplaneProbeResult> ProbeAsync(DataplaneProbe probe, CancellationToken cancellationToken) =>
        Task.FromException<DataplaneProbeResult>(new DataplaneException($"The {Kind} dataplane cannot send probes."));
}
