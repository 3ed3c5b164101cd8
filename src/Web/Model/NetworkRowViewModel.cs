using Multinet.Shared.Cluster;
using Multinet.Shared.Ipam;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>
/// A Network as the console shows it, on the Networks table and in <c>GET /api/v1/networks</c>: the spec, its current
/// generation, how many connected nodes have applied that generation (<see cref="AppliedGeneration"/>), and what uses it.
/// </summary>
public sealed record NetworkRowViewModel(string Name, long? Vni, string Range, string PhysicalNetworkName, int NodesReady, int NodesTotal)
{
    /// <summary>The Network's metadata.generation (0 for an object no API server has stored).</summary>
    public long Generation { get; init; }

    /// <summary>What uses the Network (NADs, pods, addresses); null until the console has listed those objects.</summary>
    public NetworkUsage? Usage { get; init; }

    /// <summary>Addresses the range can give pods (<see cref="AddressAllocator.Capacity"/>), for the usage column.</summary>
    public System.Numerics.BigInteger Capacity { get; init; }

    public static IReadOnlyList<NetworkRowViewModel> From(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = snapshot.Nodes.Values.Where(n => n.Connected).ToList();
        var usages = snapshot.Objects.Synced ? LiveState.UsageOf(snapshot) : null;
        return [.. snapshot.Networks.Values.Select(network =>
        {
            var name = network.Metadata.Name;
            var generation = network.Metadata.Generation;
            var ready = nodes.Count(n => AppliedGeneration.HasApplied(n.Vrfs.FirstOrDefault(v => v.Network == name), generation));
            return new NetworkRowViewModel(name, network.Spec?.Vni, network.Spec?.Range ?? "", network.Spec?.PhysicalNetworkName ?? "", ready, nodes.Count)
            {
                Generation = generation ?? 0,
                Usage = usages?.GetValueOrDefault(name),
                Capacity = AddressAllocator.CapacityOf(network.Spec?.Range),
            };
        })];
    }
}
