using System.Collections.Immutable;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>
/// Turns the plan, what the dataplane reports and what failed into the node's inventory: planned objects with their
/// live state and counters (a planned object the dataplane lacks shows down, with its error), plus objects of ours the
/// dataplane still holds though the plan dropped them (their delete failed). Every collection is ordered by key.
/// </summary>
internal static class InventoryBuilder
{
    public static NodeInventory Build(NodePlan plan, DataplaneState state, ImmutableArray<VrfStatus> vrfs, ImmutableArray<ObjectError> errors, ApplyStats? lastApply)
    {
        if (state.CountersError is { } countersError)
        {
            // Counters shown as 0 would read as "no traffic": say that they are unknown.
            errors = MergeErrors([.. errors, new ObjectError("counters", null, $"Interface and tunnel counters cannot be read: {countersError}")]);
        }

        var errorOf = errors.ToDictionary(e => e.Object, e => e.Message, StringComparer.Ordinal);
        var ourTables = state.Tables.Where(t => DataplaneNames.NetworkOfTable(t.Name) is not null).ToList();
        var networkOfTable = ourTables.GroupBy(t => t.TableId).ToDictionary(g => g.Key, g => DataplaneNames.NetworkOfTable(g.First().Name)!);
        var routes = state.Routes.Where(r => networkOfTable.ContainsKey(r.TableId)).ToList();

        return new NodeInventory
        {
            Vrfs = [.. vrfs.Select(v => v with { RouteCount = routes.Count(r => r.TableId == v.TableId && networkOfTable[r.TableId] == v.Network) })
                .OrderBy(v => v.Key, StringComparer.Ordinal)],
            Tunnels = Tunnels(plan, state, networkOfTable, errorOf),
            Memifs = [.. Interfaces(plan, state).Where(i => i.Spec.Kind == PodInterfaceKind.Memif).Select(i => Memif(i.Spec, i.Observed, errorOf))
                .DistinctBy(m => m.Key).OrderBy(m => m.Key, StringComparer.Ordinal)],
            Taps = [.. Interfaces(plan, state).Where(i => i.Spec.Kind == PodInterfaceKind.Tap).Select(i => Tap(i.Spec, i.Observed, errorOf))
                .DistinctBy(t => t.Key).OrderBy(t => t.Key, StringComparer.Ordinal)],
            Routes = [.. routes.Select(r => new RouteStatus(networkOfTable[r.TableId], r.Prefix, Via(r)))
                .DistinctBy(r => r.Key).OrderBy(r => r.Key, StringComparer.Ordinal)],
            Services = [.. Services(plan, state).Select(s => new ServiceEntryStatus(s.Namespace, s.Name, s.Network, s.Vip, s.Port, s.Protocol) { Backends = s.Backends })
                .DistinctBy(s => s.Key).OrderBy(s => s.Key, StringComparer.Ordinal)],
            Policies = [.. state.Policies.Select(p => Known(plan, p)).Select(p => new PolicyBindingStatus(p.Namespace, p.Pod, p.Interface, p.Network) { Policies = p.Policies, Rules = [.. p.Rules.Select(PolicyRuleStatus.From)] })
                .DistinctBy(p => p.Key).OrderBy(p => p.Key, StringComparer.Ordinal)],
            Errors = errors,
            LastApply = lastApply,
        };
    }

    /// <summary>Errors keyed by object, one per object (messages of the same object joined), ordered by key.</summary>
    public static ImmutableArray<ObjectError> MergeErrors(IEnumerable<ObjectError> errors) =>
    [
        .. errors.GroupBy(e => e.Object, StringComparer.Ordinal)
            .Select(g => new ObjectError(g.Key, g.First().Network, string.Join(" ", g.Select(e => e.Message).Distinct(StringComparer.Ordinal))))
            .OrderBy(e => e.Key, StringComparer.Ordinal),
    ];

    /// <summary>
    /// Planned tunnels with their live state, then ours the dataplane holds that the plan dropped, one per key, ordered by
    /// key. The node's bulk (a tunnel per peer per Network, on every pass and every counters refresh): each key is made once.
    /// </summary>
    private static ImmutableArray<TunnelStatus> Tunnels(NodePlan plan, DataplaneState state, Dictionary<uint, string> networkOfTable, Dictionary<string, string> errorOf)
    {
        var observed = new Dictionary<string, ObservedTunnel>(state.Tunnels.Length, StringComparer.Ordinal);
        foreach (var tunnel in state.Tunnels)
        {
            observed.TryAdd(tunnel.Spec.Key, tunnel);
        }

        var planned = new HashSet<string>(plan.Tunnels.Length, StringComparer.Ordinal);
        var specs = new List<(TunnelSpec Spec, string Key)>(plan.Tunnels.Length);
        foreach (var spec in plan.Tunnels)
        {
            var key = spec.Key;
            planned.Add(key);
            specs.Add((spec, key));
        }

        foreach (var tunnel in state.Tunnels)
        {
            var key = tunnel.Spec.Key;
            if (!planned.Contains(key) && networkOfTable.TryGetValue(tunnel.Spec.TableId, out var network))
            {
                specs.Add((tunnel.Spec with { Network = tunnel.Spec.Network.Length > 0 ? tunnel.Spec.Network : network }, key));
            }
        }

        var statuses = new List<TunnelStatus>(specs.Count);
        var seen = new HashSet<string>(specs.Count, StringComparer.Ordinal);
        foreach (var (spec, key) in specs)
        {
            var status = Tunnel(spec, observed.GetValueOrDefault(key), errorOf);
            if (seen.Add(status.Key))
            {
                statuses.Add(status);
            }
        }

        return [.. statuses.OrderBy(t => t.Key, StringComparer.Ordinal)];
    }

    private static TunnelStatus Tunnel(TunnelSpec spec, ObservedTunnel? live, Dictionary<string, string> errorOf)
    {
        var counters = live?.Counters ?? default;
        return new TunnelStatus(spec.Network, spec.PeerNode, spec.Vni, spec.Src, spec.Dst, spec.EncapTableId, live?.Up ?? false)
        {
            SwIfIndex = live?.SwIfIndex ?? 0,
            RxPackets = counters.RxPackets,
            TxPackets = counters.TxPackets,
            RxBytes = counters.RxBytes,
            TxBytes = counters.TxBytes,
            Error = errorOf.Count == 0 ? null : errorOf.GetValueOrDefault(OperationObjects.Tunnel(spec)),
        };
    }

    /// <summary>Planned interfaces with what the dataplane reports of them, then ours it holds that the plan dropped.</summary>
    private static IEnumerable<(PodInterfaceSpec Spec, ObservedPodInterface? Observed)> Interfaces(NodePlan plan, DataplaneState state)
    {
        var observed = state.Interfaces.GroupBy(i => i.Spec.Tag, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var planned = plan.Interfaces.Select(i => i.Tag).ToHashSet(StringComparer.Ordinal);
        return plan.Interfaces.Select(i => (i, observed.GetValueOrDefault(i.Tag)))
            .Concat(state.Interfaces.Where(i => !planned.Contains(i.Spec.Tag) && DataplaneNames.IsOurInterfaceTag(i.Spec.Tag)).Select(i => (i.Spec, (ObservedPodInterface?)i)));
    }

    /// <summary>
    /// What the dataplane holds, with each planned entry's owner where the dataplane could not report it, then the planned
    /// entries without backends: never programmed (an empty translation is not sent), they show as "no endpoints".
    /// </summary>
    private static IEnumerable<ServiceEntrySpec> Services(NodePlan plan, DataplaneState state)
    {
        static string VipKey(ServiceEntrySpec s) => $"{s.Vip}:{s.Port}/{s.Protocol.ToUpperInvariant()}";
        var plannedByVip = plan.Services.GroupBy(VipKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var held = state.Services.Select(s => s.Namespace.Length == 0 && s.Name.Length == 0 && plannedByVip.TryGetValue(VipKey(s), out var planned)
            ? planned with { Backends = s.Backends }
            : s).ToList();
        var heldKeys = held.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        return held.Concat(plan.Services.Where(s => s.Backends.IsEmpty && !heldKeys.Contains(s.Key)));
    }

    private static MemifStatus Memif(PodInterfaceSpec spec, ObservedPodInterface? live, Dictionary<string, string> errorOf) =>
        new(spec.Namespace, spec.Pod, spec.Interface, spec.Network, spec.MemifSocket ?? "", live?.Role ?? "master", live?.Mode ?? "ethernet")
        {
            SwIfIndex = live?.SwIfIndex ?? 0,
            RxQueues = spec.RxQueues,
            TxQueues = spec.TxQueues,
            LinkUp = live?.LinkUp ?? false,
            Address = spec.Address,
            RxPackets = live?.Counters.RxPackets ?? 0,
            TxPackets = live?.Counters.TxPackets ?? 0,
            RxBytes = live?.Counters.RxBytes ?? 0,
            TxBytes = live?.Counters.TxBytes ?? 0,
            Drops = live?.Counters.Drops ?? 0,
            Mac = live?.Mac,
            Error = errorOf.GetValueOrDefault(OperationObjects.Interface(spec)),
        };

    private static TapStatus Tap(PodInterfaceSpec spec, ObservedPodInterface? live, Dictionary<string, string> errorOf) =>
        new(spec.Namespace, spec.Pod, spec.Interface, spec.Network, spec.Address)
        {
            SwIfIndex = live?.SwIfIndex ?? 0,
            HostInterface = live?.HostInterfaceName,
            LinkUp = live?.LinkUp ?? false,
            RxPackets = live?.Counters.RxPackets ?? 0,
            TxPackets = live?.Counters.TxPackets ?? 0,
            Mac = live?.Mac,
            Error = errorOf.GetValueOrDefault(OperationObjects.Interface(spec)),
        };

    /// <summary>A binding read back by its digest shows the planned binding it matches (its policies and rules), else itself.</summary>
    private static PolicyBindingSpec Known(NodePlan plan, PolicyBindingSpec present) =>
        present.ReadBackDigest is { } digest && plan.Policies.FirstOrDefault(p => p.InterfaceTag == present.InterfaceTag) is { } wanted
            && wanted.Network == present.Network && PolicyBindingDigest.Of(wanted) == digest
            ? wanted
            : present;

    private static string Via(RouteSpec route) =>
        route.Via.Length > 0 ? route.Via : route.ViaInterfaceTag ?? route.ViaTunnelKey ?? "";
}
