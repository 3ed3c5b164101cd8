using Multinet.Web.Api;
using Multinet.Web.State;

namespace Multinet.Web.Hubs;

/// <summary>The whole live state as the hub sends it.</summary>
public sealed record LiveSnapshotDto(long Version, IReadOnlyList<NetworkDto> Networks, IReadOnlyList<NodeDto> Nodes, bool ClusterConnected)
{
    public static LiveSnapshotDto From(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.Version, [.. snapshot.Networks.Values.Select(NetworkDto.From)], [.. snapshot.Nodes.Values.Select(NodeDto.From)],
            snapshot.Cluster.Connected);
    }
}
