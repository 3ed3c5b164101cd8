using Multinet.Web.Model;
using Multinet.Web.State;

namespace Multinet.Web.Api;

/// <summary>
/// A Network for scripts: its spec, how many connected nodes applied its current generation, what uses it, and each
/// node's state of it (<c>GET /api/v1/networks</c>, <c>GET /api/v1/networks/{name}</c>).
/// </summary>
public sealed record NetworkStatusDto(string Name, long? Vni, string Range, string PhysicalNetworkName, long Generation, int NodesReady, int NodesTotal)
{
    /// <summary>Pods attached, NADs naming it and addresses held; null until the console has listed those objects.</summary>
    public NetworkUsageDto? Usage { get; init; }

    /// <summary>Every node that reported (or was expected to): its VRF, the generation it applied, when, and any error.</summary>
    public IReadOnlyList<NetworkNodeStatusDto> Nodes { get; init; } = [];

    public static IReadOnlyList<NetworkStatusDto> From(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. NetworkRowViewModel.From(snapshot).Select(row => From(snapshot, row))];
    }

    public static NetworkStatusDto? From(LiveSnapshot snapshot, string name)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var row = NetworkRowViewModel.From(snapshot).FirstOrDefault(r => r.Name == name);
        return row is null ? null : From(snapshot, row);
    }

    private static NetworkStatusDto From(LiveSnapshot snapshot, NetworkRowViewModel row)
    {
        return new(row.Name, row.Vni, row.Range, row.PhysicalNetworkName, row.Generation, row.NodesReady, row.NodesTotal)
        {
            Usage = row.Usage is { } usage
                ? new NetworkUsageDto(usage.Pods.Length, usage.Nads, usage.Services, usage.Policies, usage.AddressesUsed,
                    row.Capacity > long.MaxValue ? long.MaxValue : (long)row.Capacity)
                : null,
            Nodes = [.. NetworkNodeRowViewModel.From(snapshot, row.Name).Select(NetworkNodeStatusDto.From)],
        };
    }
}

/// <summary>What uses a Network: how many pods are attached, the NADs, Services and policies naming it (<c>ns/name</c>), and addresses held out of the range's capacity.</summary>
public sealed record NetworkUsageDto(int Pods, IReadOnlyList<string> Nads, IReadOnlyList<string> Services, IReadOnlyList<string> Policies, int AddressesUsed, long AddressCapacity);

/// <summary>One node's state of one Network: <c>state</c> is Applied, Pending, Error or Missing (no VRF reported).</summary>
public sealed record NetworkNodeStatusDto(string Node, bool Connected, string State, bool UpToDate, uint? TableId, long? Generation, DateTime? AppliedAt, string? Error, string Summary)
{
    public static NetworkNodeStatusDto From(NetworkNodeRowViewModel row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Node, row.Connected, row.Vrf?.State.ToString() ?? "Missing", row.UpToDate, row.Vrf?.TableId, row.Vrf?.Generation,
            row.Vrf?.AppliedAt, row.Vrf?.Error, row.Summary);
    }
}
