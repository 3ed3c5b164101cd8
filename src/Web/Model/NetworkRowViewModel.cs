using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Model;

/// <summary>One row of the Networks table: the spec, how many connected nodes have applied its current generation, and what uses it.</summary>
public sealed record NetworkRowViewModel(string Name, long? Vni, string Range, string PhysicalNetworkName, int NodesReady, int NodesTotal)
{
    /// <summary>What uses the Network (NADs, pods, addresses); null until the console has listed those objects.</summary>
    public NetworkUsage? Usage { get; init; }

    /// <summary>Addresses the range holds (IPv4 without network and broadcast), for the usage column.</summary>
    public System.Numerics.BigInteger Capacity { get; init; }

    public static IReadOnlyList<NetworkRowViewModel> From(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = snapshot.Nodes.Values.Where(n => n.Connected).ToList();
        var usages = snapshot.Objects.Synced ? LiveState.UsageOf(snapshot) : null;
        return [.. snapshot.Networks.Values.Select(network =>
        {
            var name = network.Metadata.Name;
            var generation = network.Metadata.Generation ?? 0;
            var ready = nodes.Count(n => n.Vrfs.Any(v => v.Network == name && v.State == VrfState.Applied && v.Generation >= generation));
            return new NetworkRowViewModel(name, network.Spec?.Vni, network.Spec?.Range ?? "", network.Spec?.PhysicalNetworkName ?? "", ready, nodes.Count)
            {
                Usage = usages?.GetValueOrDefault(name),
                Capacity = Multinet.Shared.Validation.NetworkValidator.TryParseRange(network.Spec?.Range, out var range, out _) ? AddressCapacity(range) : 0,
            };
        })];
    }

    /// <summary>The addresses a range can give pods: all of it, less the network and broadcast addresses of an IPv4 range wider than /31.</summary>
    public static System.Numerics.BigInteger AddressCapacity(System.Net.IPNetwork range)
    {
        var hostBits = (range.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) - range.PrefixLength;
        var size = System.Numerics.BigInteger.One << hostBits;
        return range.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && hostBits > 1 ? size - 2 : size;
    }
}
