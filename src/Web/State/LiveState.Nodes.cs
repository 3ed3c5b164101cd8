using System.Collections.Immutable;
using Multinet.Shared.Domain;

namespace Multinet.Web.State;

public sealed partial class LiveState
{
    /// <summary>An agent said hello: the node is connected, its inventory stays as last known until its snapshot arrives.</summary>
    public void NodeConnected(string name, string dataplane, string agentVersion) =>
        UpdateNode(name, (node, _) => node with { Connected = true, Dataplane = dataplane, AgentVersion = agentVersion });

    /// <summary>A snapshot with VRFs only: the node's inventory becomes exactly these VRFs.</summary>
    public void NodeSnapshot(string name, ImmutableArray<VrfStatus> vrfs) =>
        NodeSnapshot(name, new NodeInventory { Vrfs = [.. vrfs.OrderBy(v => v.Network, StringComparer.Ordinal)] });

    /// <summary>A full snapshot: replaces the node's inventory.</summary>
    public void NodeSnapshot(string name, NodeInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        UpdateNode(name, (node, now) => WithInventory(node, inventory, now));
    }

    /// <summary>A delta: upserts and removes items by key in each collection.</summary>
    public void NodeDelta(string name, NodeReportDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        UpdateNode(name, (node, now) => WithInventory(node, delta.ApplyTo(node.Inventory), now));
    }

    /// <summary>
    /// A heartbeat came in: the agent is alive. From a connected node not marked stale that is all it says, so its
    /// <see cref="NodeView.LastSeen"/> moves quietly (no change, no batch): 200 agents beating every second otherwise made
    /// every subscriber (each open page, the timeline, the hub) work ten times a second for nothing it shows (pages show
    /// such a node as live). A heartbeat from a stale or unknown node is a change.
    /// </summary>
    public void NodeSeen(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            if (_snapshot.Nodes.TryGetValue(name, out var node) && node is { Connected: true, Stale: false })
            {
                Volatile.Write(ref _snapshot, _snapshot with { Nodes = _snapshot.Nodes.SetItem(name, node with { LastSeen = now }) });
                return;
            }
        }

        UpdateNode(name, (n, _) => n);
    }

    /// <summary>The agent's stream ended. Its last report stays readable.</summary>
    public void NodeDisconnected(string name) => UpdateNode(name, (node, _) => node with { Connected = false }, touch: false);

    /// <summary>Marks connected nodes silent since before <paramref name="silentSince"/> as stale (once each).</summary>
    public void MarkStale(DateTime silentSince)
    {
        foreach (var node in Current.Nodes.Values.Where(n => n.Connected && !n.Stale && n.LastSeen < silentSince).ToList())
        {
            UpdateNode(node.Name, (n, _) => n with { Stale = true }, touch: false);
        }
    }

    /// <summary>The new inventory, and a counter sample per memif taken now (samples of memifs gone are dropped).</summary>
    private static NodeView WithInventory(NodeView node, NodeInventory inventory, DateTime now)
    {
        if (inventory.Memifs.IsEmpty && node.MemifSamples.IsEmpty)
        {
            // The same (empty) samples, not a new instance: pages that follow them see nothing changed on such a node.
            return node with { Inventory = inventory };
        }

        var samples = ImmutableDictionary.CreateBuilder<string, MemifSamples>(StringComparer.Ordinal);
        foreach (var memif in inventory.Memifs)
        {
            samples[memif.Key] = node.MemifSamples.TryGetValue(memif.Key, out var known)
                ? known.Next(memif, now)
                : new MemifSamples(CounterSample.Of(memif, now), null);
        }

        return node with { Inventory = inventory, MemifSamples = samples.ToImmutable() };
    }

    private void UpdateNode(string name, Func<NodeView, DateTime, NodeView> update, bool touch = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        Mutate((snapshot, version) =>
        {
            var existing = snapshot.Nodes.GetValueOrDefault(name);
            var next = update(existing ?? new NodeView { Name = name }, now);
            if (touch)
            {
                next = next with { LastSeen = now, Stale = false };
            }

            return Changed(snapshot with { Nodes = snapshot.Nodes.SetItem(name, next) }, LiveChangeKind.NodeUpserted, name, version, IsUrgent(existing, next));
        });
    }
}
