using Multinet.Web.State;

namespace Multinet.Web.Api;

/// <summary>A node for scripts: <c>GET /api/v1/nodes</c>.</summary>
public sealed record NodeDto(string Name, bool Connected, bool Stale, DateTime? LastSeen, string Dataplane, string AgentVersion, IReadOnlyList<VrfDto> Vrfs)
{
    public static NodeDto From(NodeView node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new(node.Name, node.Connected, node.Stale, node.LastSeen, node.Dataplane, node.AgentVersion, [.. node.Vrfs.Select(VrfDto.From)]);
    }
}
