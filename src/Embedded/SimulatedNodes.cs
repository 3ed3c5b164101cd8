using System.Collections.Concurrent;
using Multinet.Agent.Dataplane;

namespace Multinet.Embedded;

/// <summary>
/// The embedded mode's simulated nodes, by name: their dataplanes (which outlive agent restarts) on one
/// <see cref="SimulatedFabric"/>, so a probe on one node follows its tunnels to the others. It exists only in embedded
/// mode; the console's fault-injection endpoints and buttons exist only where it does.
/// </summary>
public sealed class SimulatedNodes
{
    private readonly ConcurrentDictionary<string, SimulatedDataplane> _dataplanes = new(StringComparer.Ordinal);

    public SimulatedFabric Fabric { get; } = new();

    /// <summary>The node names, in order.</summary>
    public IReadOnlyList<string> Names => [.. _dataplanes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The dataplane of <paramref name="node"/>, created on the fabric the first time it is asked for.</summary>
    public SimulatedDataplane For(string node) => _dataplanes.GetOrAdd(node, _ => new SimulatedDataplane { Fabric = Fabric });

    /// <summary>Whether <paramref name="node"/> is one of the simulated nodes.</summary>
    public bool Contains(string node) => _dataplanes.ContainsKey(node);

    /// <summary>
    /// Fault injection: takes <paramref name="node"/>'s tunnel for <paramref name="network"/> to <paramref name="peer"/> down
    /// (a cut underlay) or brings it back up. False when there is no such node or tunnel. The node's agent reports it at
    /// its next counters refresh.
    /// </summary>
    public bool SetTunnelLink(string node, string network, string peer, bool up) =>
        _dataplanes.TryGetValue(node, out var dataplane) && dataplane.SetTunnelLink(network, peer, up);
}
