using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>
/// Remembers which adds of a pass failed or were skipped, so the adds that need them are skipped too (a tunnel in a
/// table that could not be added, a route through an interface that could not be created) instead of being sent to
/// a dataplane that can only refuse them.
/// </summary>
internal sealed class DependencyTracker
{
    private readonly HashSet<uint> _tables = [];
    private readonly HashSet<string> _tunnels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _interfaces = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="operation"/> cannot succeed after earlier failures, or null when it may be issued.</summary>
    public string? BlockedBecause(DataplaneOperation operation) => operation switch
    {
        DataplaneOperation.AddTunnel { Tunnel: var t } => Table(t.TableId) ?? Table(t.EncapTableId),
        DataplaneOperation.AddPodInterface { Interface: var i } => Table(i.TableId),
        DataplaneOperation.MovePodInterface { Target: var i } => Table(i.TableId),
        DataplaneOperation.AddRoute { Route: var r } => Table(r.TableId)
            ?? (r.ViaTunnelKey is { } key && _tunnels.Contains(key) ? $"its tunnel {key} could not be added" : null)
            ?? (r.ViaInterfaceTag is { } tag && _interfaces.Contains(tag) ? $"its interface {r.Via} could not be added" : null),
        DataplaneOperation.AddServiceEntry { Service: var s } => Table(s.TableId),
        DataplaneOperation.BindPolicy { Binding: var b } => _interfaces.Contains(b.InterfaceTag) ? $"its interface {b.Namespace}/{b.Pod}/{b.Interface} could not be added" : null,
        _ => null,
    };

    /// <summary>Records an add that failed or was skipped.</summary>
    public void Failed(DataplaneOperation operation)
    {
        switch (operation)
        {
            case DataplaneOperation.AddTable add:
                _tables.Add(add.Table.TableId);
                break;
            case DataplaneOperation.AddTunnel add:
                _tunnels.Add(add.Tunnel.Key);
                break;
            case DataplaneOperation.AddPodInterface add:
                _interfaces.Add(add.Interface.Tag);
                break;
            case DataplaneOperation.MovePodInterface move:
                _interfaces.Add(move.Target.Tag);
                break;
        }
    }

    private string? Table(uint tableId) => tableId != 0 && _tables.Contains(tableId) ? $"table {tableId} could not be added" : null;
}
