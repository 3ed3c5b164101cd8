using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>
/// What a change of some Networks can touch on a node: the tables those Networks had in the last plan and have in the new
/// one, every Network planned in one of those tables (a VNI taken over, a name reusing an id), and the tables of Networks
/// whose tunnels are encapsulated in one of them (their <c>physicalNetworkName</c>), to a fixed point. A scoped pass diffs
/// only the tunnels and routes of these tables (the node's bulk: one tunnel per peer per Network) and every table, pod
/// interface, service entry and policy binding as a full pass does, so its operations are the full pass's operations on
/// those objects. When the dataplane outside the scope is as the last full plan left it, they are the full pass's
/// operations, full stop; drift outside the scope is the periodic full pass's to repair.
/// </summary>
internal sealed class ReconcileScope
{
    private readonly HashSet<uint> _tables;
    private readonly HashSet<string> _networks;

    private ReconcileScope(HashSet<uint> tables, HashSet<string> networks)
    {
        _tables = tables;
        _networks = networks;
    }

    /// <summary>The table ids in scope (tests, logs).</summary>
    public IReadOnlyCollection<uint> Tables => _tables;

    public static ReconcileScope For(IEnumerable<string> networks, NodePlan plan, NodePlan previous)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(previous);
        var names = new HashSet<string>(networks, StringComparer.Ordinal);
        var tables = new HashSet<uint>();
        var vrfs = plan.Vrfs.Concat(previous.Vrfs).ToList();
        var tunnels = plan.Tunnels.Concat(previous.Tunnels).Select(t => (t.Network, t.TableId, t.EncapTableId)).Distinct().ToList();
        bool grown;
        do
        {
            grown = false;
            foreach (var vrf in vrfs)
            {
                grown |= names.Contains(vrf.Network) && tables.Add(vrf.TableId);
                grown |= tables.Contains(vrf.TableId) && names.Add(vrf.Network);
            }

            foreach (var (network, tableId, encapTableId) in tunnels)
            {
                if (names.Contains(network) || (encapTableId != 0 && tables.Contains(encapTableId)))
                {
                    grown |= tables.Add(tableId);
                    grown |= names.Add(network);
                }
            }
        }
        while (grown);

        return new ReconcileScope(tables, names);
    }

    /// <summary>The plan's and the dataplane's objects a scoped pass diffs: the same cut of both.</summary>
    public (NodePlan Plan, DataplaneState State) Filter(NodePlan plan, DataplaneState state)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        var planned = plan.Tunnels.Where(Covers).ToList();
        var held = state.Tunnels.Where(t => Covers(t.Spec)).ToList();
        var keys = planned.Select(t => t.Key).Concat(held.Select(t => t.Spec.Key)).ToHashSet(StringComparer.Ordinal);
        return (plan with { Tunnels = [.. planned], Routes = [.. plan.Routes.Where(r => Covers(r, keys))] },
            state with { Tunnels = [.. held], Routes = [.. state.Routes.Where(r => Covers(r, keys))] });
    }

    /// <summary>
    /// Whether an operation of a scoped diff stays inside the scope. One that does not (an interface, service entry or
    /// policy binding of another table out of step, a service entry whose table the dataplane cannot tell) means the node
    /// has drifted outside the scope: the pass falls back to the full diff.
    /// </summary>
    public bool Contains(DataplaneOperation operation) => operation switch
    {
        DataplaneOperation.AddTable { Table: var t } => _tables.Contains(t.TableId),
        DataplaneOperation.DeleteTable { Table: var t } => _tables.Contains(t.TableId),
        DataplaneOperation.AddTunnel { Tunnel: var t } => Covers(t),
        DataplaneOperation.DeleteTunnel { Tunnel: var t } => Covers(t.Spec),
        DataplaneOperation.AddPodInterface { Interface: var i } => _tables.Contains(i.TableId),
        DataplaneOperation.DeletePodInterface { Interface: var i } => _tables.Contains(i.Spec.TableId),
        DataplaneOperation.MovePodInterface move => _tables.Contains(move.Interface.Spec.TableId) && _tables.Contains(move.Target.TableId),
        DataplaneOperation.AddRoute { Route: var r } => _tables.Contains(r.TableId),
        DataplaneOperation.DeleteRoute { Route: var r } => _tables.Contains(r.TableId),
        DataplaneOperation.AddServiceEntry { Service: var s } => _tables.Contains(s.TableId),
        DataplaneOperation.DeleteServiceEntry { Service: var s } => _tables.Contains(s.TableId),
        DataplaneOperation.BindPolicy { Binding: var b } => _networks.Contains(b.Network),
        DataplaneOperation.UnbindPolicy { Binding: var b } => _networks.Contains(b.Network),
        _ => false,
    };

    private bool Covers(TunnelSpec tunnel) =>
        _tables.Contains(tunnel.TableId) || (tunnel.EncapTableId != 0 && _tables.Contains(tunnel.EncapTableId));

    private bool Covers(RouteSpec route, HashSet<string> tunnelKeys) =>
        _tables.Contains(route.TableId) || (route.ViaTunnelKey is { } key && tunnelKeys.Contains(key));
}
