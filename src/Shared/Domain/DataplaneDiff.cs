namespace Multinet.Shared.Domain;

/// <summary>
/// The minimum operations that take the dataplane from what it reports to what the plan wants.
/// </summary>
/// <remarks>
/// <para>Only objects this product owns are ever deleted:</para>
/// <list type="bullet">
/// <item>tables named <c>multinet:*</c> (never table 0);</item>
/// <item>tunnels that decapsulate into one of our tables (a tunnel's VRF is the only thing that ties it to a
/// network on the dataplane; since VRF ids are VNIs this also means "its VNI is one of ours"), and routes in our tables;</item>
/// <item>interfaces whose tag carries <see cref="DataplaneNames.InterfaceTagPrefix"/> (a driver reports as pod interfaces
/// only those, mapping each tag back to its spec);</item>
/// <item>every service entry and policy binding the dataplane reports (drivers report only those this product made).</item>
/// </list>
/// <para>An id held by another owner's table is never added to: objects planned in it wait (the VRF status reports why).</para>
/// <para>A changed tunnel, interface (kind, memif socket, queues) or route is deleted and re-added, and so is everything in a table that is
/// replaced, everything routed through a replaced interface or tunnel, and the policy binding of a replaced interface.
/// Service backends and policy rules change in place: <see cref="DataplaneOperation.AddServiceEntry"/> and
/// <see cref="DataplaneOperation.BindPolicy"/> are upserts.</para>
/// <para>A pod interface whose network moved to another table (a VNI edit) is not recreated: it is moved
/// (<see cref="DataplaneOperation.MovePodInterface"/>) into the new table, keeping its policy binding; its routes, the
/// network's tunnels and service entries, which depend on the table or the VNI, are replaced.</para>
/// <para>Order is safe for the dataplane: deletes in reverse dependency order (policy unbinds, service entries, routes,
/// pod interfaces, tunnels, tables whose id another network takes), then table adds, moves, the deletes of tables no longer
/// wanted (emptied by the moves), then the other adds in forward order (tunnels, interfaces, routes, services, policies),
/// each group by key. An in-sync node gives no operations.</para>
/// </remarks>
public static class DataplaneDiff
{
    /// <summary>Tables only: as if the dataplane held nothing but <paramref name="actual"/>.</summary>
    public static IReadOnlyList<DataplaneOperation> Compute(NodePlan plan, IEnumerable<DataplaneTable> actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        return Compute(plan, new DataplaneState { Tables = [.. actual] });
    }

    public static IReadOnlyList<DataplaneOperation> Compute(NodePlan plan, DataplaneState actual)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actual);

        var deletes = new DeleteSet();
        var adds = new List<DataplaneOperation>();

        // Tables.
        var wanted = plan.Vrfs.DistinctBy(v => (v.TableId, v.IsIpv6)).ToDictionary(v => (v.TableId, v.IsIpv6), v => new DataplaneTable(v.TableId, v.IsIpv6, v.TableName));
        var present = actual.Tables.Where(t => t.TableId != 0).DistinctBy(t => (t.TableId, t.IsIpv6)).ToDictionary(t => (t.TableId, t.IsIpv6));
        var blocked = new HashSet<uint>();
        var replacedTables = new HashSet<uint>();
        var renamedTables = new HashSet<uint>();
        foreach (var (key, table) in present.OrderBy(p => p.Key.TableId).ThenBy(p => p.Key.IsIpv6))
        {
            if (IsOurs(table) && !(wanted.TryGetValue(key, out var want) && want.Name == table.Name))
            {
                // A table whose id another network now takes goes before the adds; one no longer wanted after the moves.
                var renamed = wanted.ContainsKey(key);
                (renamed ? deletes.RenamedTables : deletes.Tables).Add(new DataplaneOperation.DeleteTable(table));
                replacedTables.Add(table.TableId);
                if (renamed)
                {
                    renamedTables.Add(table.TableId);
                }
            }
        }

        foreach (var (key, table) in wanted.OrderBy(w => w.Key.TableId).ThenBy(w => w.Key.IsIpv6))
        {
            if (!present.TryGetValue(key, out var have) || (have.Name != table.Name && IsOurs(have)))
            {
                adds.Add(new DataplaneOperation.AddTable(table));
            }
            else if (have.Name != table.Name)
            {
                blocked.Add(table.TableId);
            }
        }

        var owned = present.Values.Where(IsOurs).Select(t => t.TableId).Concat(wanted.Keys.Select(k => k.TableId)).Where(id => !blocked.Contains(id)).ToHashSet();
        bool Placeable(uint tableId) => tableId == 0 || !blocked.Contains(tableId);

        // Tunnels, identified by (src, dst, vni).
        var wantedTunnels = plan.Tunnels.Where(t => Placeable(t.TableId) && Placeable(t.EncapTableId)).DistinctBy(t => t.Key).ToDictionary(t => t.Key, StringComparer.Ordinal);
        var replacedTunnels = new HashSet<string>(StringComparer.Ordinal);
        var keptTunnels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tunnel in actual.Tunnels.Where(t => owned.Contains(t.Spec.TableId)).OrderBy(t => t.Spec.Key, StringComparer.Ordinal))
        {
            var key = tunnel.Spec.Key;
            if (wantedTunnels.TryGetValue(key, out var want) && want.TableId == tunnel.Spec.TableId && want.EncapTableId == tunnel.Spec.EncapTableId
                && !replacedTables.Contains(want.TableId) && !replacedTables.Contains(want.EncapTableId))
            {
                keptTunnels.Add(key);
                continue;
            }

            deletes.Tunnels.Add(new DataplaneOperation.DeleteTunnel(tunnel));
            replacedTunnels.Add(key);
        }

        adds.AddRange(wantedTunnels.Values.Where(t => !keptTunnels.Contains(t.Key))
            .OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new DataplaneOperation.AddTunnel(t)));

        // Pod interfaces, identified by tag. One whose network got another table (a VNI edit) moves there: the interface, its
        // sw_if_index and its memif connection stay.
        var wantedInterfaces = plan.Interfaces.Where(i => Placeable(i.TableId)).DistinctBy(i => i.Tag).ToDictionary(i => i.Tag, StringComparer.Ordinal);
        var replacedInterfaces = new HashSet<string>(StringComparer.Ordinal);
        var keptInterfaces = new HashSet<string>(StringComparer.Ordinal);
        var moves = new List<DataplaneOperation>();
        bool Movable(PodInterfaceSpec have, PodInterfaceSpec want) =>
            have.TableId != want.TableId && !renamedTables.Contains(have.TableId)
            && FamilyOf(present.Keys, have.TableId) is { } from && FamilyOf(wanted.Keys, want.TableId) == from;
        foreach (var observed in actual.Interfaces.Where(i => DataplaneNames.IsOurInterfaceTag(i.Spec.Tag)).OrderBy(i => i.Spec.Tag, StringComparer.Ordinal))
        {
            var tag = observed.Spec.Tag;
            if (wantedInterfaces.TryGetValue(tag, out var want) && SameInterface(want, observed.Spec) && !replacedTables.Contains(want.TableId))
            {
                keptInterfaces.Add(tag);
                continue;
            }

            if (want is not null && SameShape(want, observed.Spec) && Movable(observed.Spec, want))
            {
                moves.Add(new DataplaneOperation.MovePodInterface(observed, want));
                keptInterfaces.Add(tag);
                continue;
            }

            deletes.Interfaces.Add(new DataplaneOperation.DeletePodInterface(observed));
            replacedInterfaces.Add(tag);
        }

        adds.AddRange(wantedInterfaces.Values.Where(i => !keptInterfaces.Contains(i.Tag)).OrderBy(i => i.Tag, StringComparer.Ordinal)
            .Select(i => new DataplaneOperation.AddPodInterface(i)));

        // Routes, identified by (table, prefix).
        var wantedRoutes = plan.Routes.Where(r => Placeable(r.TableId)).DistinctBy(r => r.Key).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var keptRoutes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in actual.Routes.Where(r => owned.Contains(r.TableId)).OrderBy(r => r.TableId).ThenBy(r => r.Prefix, StringComparer.Ordinal))
        {
            var stale = replacedTables.Contains(route.TableId)
                || (route.ViaInterfaceTag is { } tag && replacedInterfaces.Contains(tag))
                || (route.ViaTunnelKey is { } tunnelKey && replacedTunnels.Contains(tunnelKey));
            if (!stale && wantedRoutes.TryGetValue(route.Key, out var want) && want.ViaInterfaceTag == route.ViaInterfaceTag && want.ViaTunnelKey == route.ViaTunnelKey
                && want.Gateway == route.Gateway)
            {
                keptRoutes.Add(route.Key);
                continue;
            }

            deletes.Routes.Add(new DataplaneOperation.DeleteRoute(route));
        }

        adds.AddRange(wantedRoutes.Values.Where(r => !keptRoutes.Contains(r.Key)).OrderBy(r => r.TableId).ThenBy(r => r.Prefix, StringComparer.Ordinal)
            .Select(r => new DataplaneOperation.AddRoute(r)));

        // Service entries: backends change in place (upsert); a move to another table is a delete and an add. An entry without
        // backends is never sent (VPP's cnat cannot hold an empty translation): it is absent from the dataplane, and one that
        // lost its last backend is deleted. An entry the dataplane reports without its owner (a driver that cannot store it,
        // after an agent restart) is the wanted entry of the same VIP, port and protocol.
        var wantedServices = plan.Services.Where(s => Placeable(s.TableId)).DistinctBy(s => s.Key).ToDictionary(s => s.Key, StringComparer.Ordinal);
        var wantedByVip = wantedServices.Values.GroupBy(VipKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var presentServices = new Dictionary<string, ServiceEntrySpec>(StringComparer.Ordinal);
        foreach (var service in actual.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var ownerUnknown = service.Namespace.Length == 0 && service.Name.Length == 0;
            var want = wantedServices.GetValueOrDefault(service.Key) ?? (ownerUnknown ? wantedByVip.GetValueOrDefault(VipKey(service)) : null);
            if (want is not null && !want.Backends.IsEmpty && (ownerUnknown || want.TableId == service.TableId) && !replacedTables.Contains(want.TableId)
                && !presentServices.ContainsKey(want.Key))
            {
                presentServices[want.Key] = service;
                continue;
            }

            deletes.Services.Add(new DataplaneOperation.DeleteServiceEntry(service));
        }

        adds.AddRange(wantedServices.Values
            .Where(s => !s.Backends.IsEmpty)
            .Where(s => !presentServices.TryGetValue(s.Key, out var have) || !SameBackends(have, s))
            .OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new DataplaneOperation.AddServiceEntry(s)));

        // Policy bindings: rules change in place (bind is an upsert); a replaced interface loses its binding with it.
        var wantedPolicies = plan.Policies.Where(p => wantedInterfaces.ContainsKey(p.InterfaceTag)).DistinctBy(p => p.InterfaceTag)
            .ToDictionary(p => p.InterfaceTag, StringComparer.Ordinal);
        var presentPolicies = new Dictionary<string, PolicyBindingSpec>(StringComparer.Ordinal);
        foreach (var binding in actual.Policies.OrderBy(p => p.InterfaceTag, StringComparer.Ordinal))
        {
            if (wantedPolicies.ContainsKey(binding.InterfaceTag) && !replacedInterfaces.Contains(binding.InterfaceTag))
            {
                presentPolicies[binding.InterfaceTag] = binding;
                continue;
            }

            deletes.Policies.Add(new DataplaneOperation.UnbindPolicy(binding));
        }

        adds.AddRange(wantedPolicies.Values
            .Where(p => !presentPolicies.TryGetValue(p.InterfaceTag, out var have) || !SameBinding(p, have))
            .OrderBy(p => p.InterfaceTag, StringComparer.Ordinal).Select(p => new DataplaneOperation.BindPolicy(p)));

        var tableAdds = adds.Where(a => a is DataplaneOperation.AddTable).ToList();
        return [.. deletes.Policies, .. deletes.Services, .. deletes.Routes, .. deletes.Interfaces, .. deletes.Tunnels, .. deletes.RenamedTables,
            .. tableAdds, .. moves, .. deletes.Tables, .. adds.Where(a => a is not DataplaneOperation.AddTable)];
    }

    /// <summary>The family of the table with this id among <paramref name="keys"/>; null when none or both families have it.</summary>
    private static bool? FamilyOf(IEnumerable<(uint TableId, bool IsIpv6)> keys, uint tableId) =>
        keys.Where(k => k.TableId == tableId).Select(k => (bool?)k.IsIpv6).ToList() is [var only] ? only : null;

    /// <summary>The same interface but for its table: what a move keeps.</summary>
    private static bool SameShape(PodInterfaceSpec want, PodInterfaceSpec have) =>
        want.Kind == have.Kind && want.MemifSocket == have.MemifSocket && want.RxQueues == have.RxQueues && want.TxQueues == have.TxQueues;

    private static bool IsOurs(DataplaneTable table) => DataplaneNames.NetworkOfTable(table.Name) is not null;

    /// <summary>
    /// What an interface is made of on the dataplane. Its address is not: no driver configures it on the interface (the pod
    /// holds it; the host route through the interface carries it), so an address edit replaces the route, not the interface.
    /// </summary>
    private static bool SameInterface(PodInterfaceSpec want, PodInterfaceSpec have) =>
        want.Kind == have.Kind && want.TableId == have.TableId && want.MemifSocket == have.MemifSocket
        && want.RxQueues == have.RxQueues && want.TxQueues == have.TxQueues;

    private static string VipKey(ServiceEntrySpec service) =>
        $"{service.Vip}:{service.Port}/{service.Protocol.ToUpperInvariant()}";

    /// <summary>The same backends, in any order (a dataplane may report them in its own).</summary>
    private static bool SameBackends(ServiceEntrySpec have, ServiceEntrySpec want) =>
        have.Backends.Order(StringComparer.Ordinal).SequenceEqual(want.Backends.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Whether the present binding <paramref name="b"/> enforces what <paramref name="a"/> wants (by digest when it was read back without its rules).</summary>
    private static bool SameBinding(PolicyBindingSpec a, PolicyBindingSpec b) =>
        b.ReadBackDigest is { } digest
            ? a.Network == b.Network && digest == PolicyBindingDigest.Of(a)
            : a.Network == b.Network && a.Policies.SequenceEqual(b.Policies, StringComparer.Ordinal) && a.Rules.SequenceEqual(b.Rules, PolicyRuleComparer.Instance);

    private sealed class DeleteSet
    {
        public List<DataplaneOperation> Policies { get; } = [];

        public List<DataplaneOperation> Services { get; } = [];

        public List<DataplaneOperation> Routes { get; } = [];

        public List<DataplaneOperation> Interfaces { get; } = [];

        public List<DataplaneOperation> Tunnels { get; } = [];

        public List<DataplaneOperation> Tables { get; } = [];

        public List<DataplaneOperation> RenamedTables { get; } = [];
    }
}
