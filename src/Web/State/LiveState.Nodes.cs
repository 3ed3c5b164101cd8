using System.Collections.Immutable;
using Multinet.Shared.Domain;

namespace Multinet.Web.State;

public sealed partial class LiveState
{
    /// <summary>An agent said hello: the node is connected, its VRFs stay as last known until its snapshot arrives.</summary>
    public void NodeConnected(string name, string dataplane, string agentVersion) =>
        UpdateNode(name, node => node with { Connected = true, Dataplane = dataplane, AgentVersion = agentVersion });

    public void NodeSnapshot(string name, ImmutableArray<VrfStatus> vrfs) =>
        UpdateNode(name, node => node with { Vrfs = [.. vrfs.OrderBy(v => v.Network, StringComparer.Ordinal)] });

    public void NodeDelta(string name, NodeReportDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        UpdateNode(name, node =>
        {
            var vrfs = node.Vrfs.ToDictionary(v => v.Network, StringComparer.Ordinal);
            foreach (var removed in delta.RemovedNetworks)
            {
                vrfs.Remove(removed);
            }

            foreach (var upserted in delta.Upserted)
            {
                vrfs[upserted.Network] = upserted;
            }

            return node with { Vrfs = [.. vrfs.Values.OrderBy(v => v.Network, StringComparer.Ordinal)] };
        });
    }

    /// <summary>A message (heartbeat or report) came in: the agent is alive.</summary>
    public void NodeSeen(string name) => UpdateNode(name, node => node);

    /// <summary>The agent's stream ended. Its last report stays readable.</summary>
    public void NodeDisconnected(string name) => UpdateNode(name, node => node with { Connected = false }, touch: false);

    /// <summary>Marks connected nodes silent since before <paramref name="silentSince"/> as stale (once each).</summary>
    public void MarkStale(DateTime silentSince)
    {
        foreach (var node in Current.Nodes.Values.Where(n => n.Connected && !n.Stale && n.LastSeen < silentSince).ToList())
        {
            UpdateNode(node.Name, n => n with { Stale = true }, touch: false);
        }
    }

    private void UpdateNode(string name, Func<NodeView, NodeView> update, bool touch = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Mutate((snapshot, version) =>
        {
            var node = snapshot.Nodes.TryGetValue(name, out var existing) ? existing : new NodeView { Name = name };
            var next = update(node);
            if (touch)
            {
                next = next with { LastSeen = now, Stale = false };
            }

            return Changed(snapshot with { Nodes = snapshot.Nodes.SetItem(name, next) }, LiveChangeKind.NodeUpserted, name, version);
        });
    }
}
