using System.Collections.Concurrent;
using System.Net;

namespace Multinet.Agent.Dataplane;

/// <summary>
/// The underlay that joins simulated nodes: which <see cref="SimulatedDataplane"/> holds which underlay address. A probe
/// on one simulated dataplane follows its tunnel here to the dataplane at the tunnel's far end, as a packet would cross
/// the wire. Dataplanes join when the agent tells them their underlay (<see cref="SimulatedDataplane.SetUnderlay"/>).
/// Thread-safe.
/// </summary>
public sealed class SimulatedFabric
{
    private readonly ConcurrentDictionary<string, SimulatedDataplane> _byAddress = new(StringComparer.Ordinal);

    /// <summary>The dataplane that holds <paramref name="address"/>; null when no simulated node does.</summary>
    public SimulatedDataplane? At(string address) =>
        Normalize(address) is { } key && _byAddress.TryGetValue(key, out var dataplane) ? dataplane : null;

    internal void Join(SimulatedDataplane dataplane, string? address)
    {
        if (Normalize(address) is { } key)
        {
            _byAddress[key] = dataplane;
        }
    }

    private static string? Normalize(string? address) => IPAddress.TryParse(address, out var parsed) ? parsed.ToString() : null;
}
