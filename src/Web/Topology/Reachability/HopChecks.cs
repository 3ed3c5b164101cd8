using System.Globalization;
using System.Net;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// The checks of each hop against what the node's agent last reported. A hop on a node whose agent is not connected, or
/// has gone silent, cannot be judged (<c>Ok</c> null) whatever its last report said; the reason quotes that report.
/// </summary>
internal sealed class HopChecks(LiveSnapshot snapshot, ClusterView view)
{
    private readonly Dictionary<string, NodePlan> _plans = new(StringComparer.Ordinal);

    public ReachabilityHop Interface(ResolvedInterface end)
    {
        if (end.Node is null)
        {
            return new(end.Id, HopKind.Interface, null, false, $"Pod {end.Namespace}/{end.Pod} is not scheduled on a node.");
        }

        return Judge(end.Id, HopKind.Interface, end.Node, node =>
        {
            var memif = node.Inventory.Memifs.FirstOrDefault(m => m.Key == end.Key);
            var tap = node.Inventory.Taps.FirstOrDefault(t => t.Key == end.Key);
            var (kind, network, linkUp, error, address) = memif is not null
                ? ("memif", memif.Network, memif.LinkUp, memif.Error, memif.Address)
                : tap is not null ? ("tap", tap.Network, tap.LinkUp, tap.Error, tap.Address) : default;
            if (kind is null)
            {
                return (false, $"{node.Name} reports no memif or tap for {end.Describe}: the interface is not in the dataplane.");
            }

            if (network != end.Network)
            {
                return (false, $"The {kind} {end.Key} is in the VRF of Network \"{network}\", but its pod's configuration puts it on \"{end.Network}\": wrong VRF.");
            }

            if (error is not null)
            {
                return (false, $"The {kind} {end.Key} failed: {error}");
            }

            return linkUp
                ? (true, $"{kind} {end.Interface} up in the VRF of \"{network}\"{(address is null ? "" : $", {address}")}.")
                : (false, $"The {kind} {end.Key} is down (link not up).");
        });
    }

    /// <summary>The rules bound to <paramref name="end"/> for one direction, judged for the peer; compared with the plan.</summary>
    public ReachabilityHop Policy(ResolvedInterface end, string direction, IPAddress? peer)
    {
        if (end.Node is null)
        {
            return new(TopologyIds.Rules(end.Id, direction), HopKind.Policy, null, null, "The pod is not scheduled: no rules are bound.") { Element = end.Id };
        }

        return Judge(TopologyIds.Rules(end.Id, direction), HopKind.Policy, end.Node, node =>
        {
            var binding = node.Inventory.Policies.FirstOrDefault(p => p.Key == end.Key);
            if (binding is not null && binding.Rules.IsDefaultOrEmpty && binding.RuleCount > 0)
            {
                return (null, $"{node.Name} reports {binding.RuleCount} rules on {end.Key} without the rules themselves: they cannot be judged.");
            }

            var outcome = PolicyEvaluator.Evaluate(binding?.Rules ?? [], direction, peer);
            return (outcome.Allowed, outcome.Reason + PlanDifference(node.Name, end, binding));
        }) with { Element = end.Id };
    }

    /// <summary>The Network's VRF on a node and its route toward <paramref name="destination"/> (local interface or peer node).</summary>
    public ReachabilityHop Vrf(string nodeName, string network, IPAddress? destination, ResolvedInterface? target)
    {
        return Judge(TopologyIds.Vrf(nodeName, network), HopKind.Vrf, nodeName, node =>
        {
            var vrf = node.Vrfs.FirstOrDefault(v => v.Network == network);
            if (vrf is null)
            {
                return (false, $"{node.Name} has no VRF for Network \"{network}\".");
            }

            if (vrf.State != VrfState.Applied)
            {
                return (false, $"The VRF of \"{network}\" on {node.Name} is {vrf.State}{(vrf.Error is null ? "" : $": {vrf.Error}")}.");
            }

            var table = string.Create(CultureInfo.InvariantCulture, $"VRF table {vrf.TableId}");
            if (destination is null)
            {
                return (true, $"{table} applied.");
            }

            var prefix = $"{destination}/{(destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}";
            var route = node.Inventory.Routes.FirstOrDefault(r => r.Network == network && r.Prefix == prefix);
            if (route is null)
            {
                return (false, $"{table} on {node.Name} has no route to {prefix}.");
            }

            var expected = target is null ? null : target.Node == node.Name ? target.Key : target.Node;
            return expected is null || route.Via == expected
                ? (true, $"{table} routes {prefix} via {route.Via}.")
                : (false, $"{table} on {node.Name} routes {prefix} via {route.Via}, not {expected}.");
        });
    }

    /// <summary>The Network's tunnel between two nodes, judged at both ends: present, up, and carrying the Network's VNI.</summary>
    public ReachabilityHop Tunnel(string network, string from, string to)
    {
        var id = TopologyIds.Tunnel(network, from, to);
        var vni = snapshot.Networks.TryGetValue(network, out var n) ? n.Spec?.Vni : null;
        var there = Judge(id, HopKind.Tunnel, from, node => TunnelEnd(node, network, to, vni));
        var back = Judge(id, HopKind.Tunnel, to, node => TunnelEnd(node, network, from, vni));
        if (there.Ok != true)
        {
            return there;
        }

        return back.Ok == true ? there with { Reason = $"{there.Reason} {back.Reason}" } : back;
    }

    private static (bool?, string) TunnelEnd(NodeView node, string network, string peer, long? vni)
    {
        var tunnel = node.Inventory.Tunnels.FirstOrDefault(t => t.Network == network && t.PeerNode == peer);
        if (tunnel is null)
        {
            return (false, $"{node.Name} has no tunnel to {peer} for \"{network}\".");
        }

        if (vni is not null && tunnel.Vni != vni)
        {
            return (false, $"The tunnel {node.Name} → {peer} carries VNI {tunnel.Vni}, but \"{network}\" has VNI {vni}: the peer decapsulates it into another VRF or drops it.");
        }

        if (tunnel.Error is not null)
        {
            return (false, $"The tunnel {node.Name} → {peer} failed: {tunnel.Error}");
        }

        return tunnel.Up
            ? (true, $"{node.Name} → {peer} up, VNI {tunnel.Vni}.")
            : (false, $"The tunnel {node.Name} → {peer} (VNI {tunnel.Vni}) is down.");
    }

    /// <summary>The Service's entry on the source node: its VIP programmed in the Network's VRF, with backends.</summary>
    public ReachabilityHop Service(string nodeName, ClusterService service) =>
        Judge(TopologyIds.Service(service.Namespace, service.Name), HopKind.Service, nodeName, node =>
        {
            var entries = node.Inventory.Services.Where(s => s.Namespace == service.Namespace && s.Name == service.Name && s.Network == service.Network).ToList();
            if (entries.Count == 0)
            {
                return (false, $"{node.Name} has no entry for Service {service.Key} on \"{service.Network}\": its VIP is not programmed there.");
            }

            var backends = entries.SelectMany(e => e.Backends).Distinct(StringComparer.Ordinal).ToList();
            var vips = string.Join(", ", entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Vip}:{e.Port}/{e.Protocol}")));
            return backends.Count == 0
                ? (false, $"Service {service.Key} ({vips}) has no endpoints on \"{service.Network}\".")
                : (true, $"{vips} balances to {string.Join(", ", backends)}.");
        });

    /// <summary>The backends the source node's entries of the Service balance to (<c>ip:port</c>), as reported.</summary>
    public IReadOnlyList<string> Backends(string? nodeName, ClusterService service) =>
        nodeName is not null && snapshot.Nodes.TryGetValue(nodeName, out var node)
            ? [.. node.Inventory.Services.Where(s => s.Namespace == service.Namespace && s.Name == service.Name && s.Network == service.Network)
                .SelectMany(e => e.Backends).Distinct(StringComparer.Ordinal)]
            : [];

    private ReachabilityHop Judge(string id, HopKind kind, string nodeName, Func<NodeView, (bool? Ok, string Reason)> check)
    {
        if (!snapshot.Nodes.TryGetValue(nodeName, out var node))
        {
            return new(id, kind, nodeName, null, $"No agent has reported node {nodeName}: its dataplane is unknown.");
        }

        var (ok, reason) = check(node);
        var seen = node.LastSeen is { } at ? string.Create(CultureInfo.InvariantCulture, $" (last seen {at:u})") : "";
        if (!node.Connected)
        {
            return new(id, kind, nodeName, null, $"The agent on {nodeName} is not connected{seen}; its last report said: {reason}");
        }

        return node.Stale
            ? new(id, kind, nodeName, null, $"The agent on {nodeName} has gone silent{seen}; its last report said: {reason}")
            : new(id, kind, nodeName, ok, reason);
    }

    /// <summary>A note when the rules the node enforces differ from what the planner makes of the configuration.</summary>
    private string PlanDifference(string nodeName, ResolvedInterface end, PolicyBindingStatus? binding)
    {
        if (!_plans.TryGetValue(nodeName, out var plan))
        {
            plan = Planner.Plan(nodeName, view);
            _plans[nodeName] = plan;
        }

        var planned = plan.Policies.FirstOrDefault(p => p.Namespace == end.Namespace && p.Pod == end.Pod && p.Interface == end.Interface);
        var plannedRules = planned?.Rules.Select(PolicyRuleStatus.From).ToList() ?? [];
        var enforced = binding?.Rules.IsDefault == false ? binding.Rules.ToList() : [];
        return plannedRules.SequenceEqual(enforced)
            ? ""
            : $" The configured policies give {plannedRules.Count} rules here, the node enforces {enforced.Count}: not yet applied.";
    }
}
