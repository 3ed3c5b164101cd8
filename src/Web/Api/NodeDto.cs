using Multinet.Web.State;

namespace Multinet.Web.Api;

/// <summary>A node in the summary list for scripts: <c>GET /api/v1/nodes</c>.</summary>
public sealed record NodeDto(string Name, bool Connected, bool Stale, DateTime? LastSeen, string Dataplane, string AgentVersion, IReadOnlyList<VrfDto> Vrfs)
{
    public int TunnelsUp { get; init; }

    public int TunnelsTotal { get; init; }

    public int MemifsUp { get; init; }

    public int MemifsTotal { get; init; }

    public static NodeDto From(NodeView node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Name, node.Connected, node.Stale, node.LastSeen, node.Dataplane, node.AgentVersion, [.. node.Vrfs.Select(VrfDto.From)])
        {
            TunnelsUp = node.TunnelsUp,
            TunnelsTotal = node.Inventory.Tunnels.Length,
            MemifsUp = node.MemifsUp,
            MemifsTotal = node.Inventory.Memifs.Length,
        };
    }
}
