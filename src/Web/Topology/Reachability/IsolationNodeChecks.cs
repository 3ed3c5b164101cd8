using System.Net;
using Multinet.Shared.Crds;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>The isolation checks of one node's report, from the side of one Network (<c>mine</c>) toward another (<c>other</c>).</summary>
internal static class IsolationNodeChecks
{
    /// <summary>Which Network the pods' configuration puts each interface (<c>ns/pod/iface</c>) of the two Networks on.</summary>
    public static Dictionary<string, ResolvedInterface> InterfaceOwners(EndpointResolver resolver, string a, string b) =>
        resolver.InterfacesOn(a).Concat(resolver.InterfacesOn(b)).GroupBy(i => i.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public static void Check(NodeView node, V3Network mine, V3Network other, Dictionary<string, ResolvedInterface> owners, List<IsolationViolation> violations)
    {
        var me = mine.Metadata.Name;
        var them = other.Metadata.Name;
        var myVrf = node.Vrfs.FirstOrDefault(v => v.Network == me);
        var theirVrf = node.Vrfs.FirstOrDefault(v => v.Network == them);
        if (myVrf is not null && theirVrf is not null && myVrf.TableId == theirVrf.TableId && string.CompareOrdinal(me, them) < 0)
        {
            violations.Add(new(IsolationViolationKind.SharedTable, node.Name, TopologyIds.Vrf(node.Name, me),
                $"On {node.Name} the VRFs of \"{me}\" and \"{them}\" share table {myVrf.TableId}: their routes mix."));
        }

        foreach (var tunnel in node.Inventory.Tunnels.Where(t => t.Network == me && other.Spec?.Vni is { } vni && t.Vni == vni && t.Vni != mine.Spec?.Vni))
        {
            violations.Add(new(IsolationViolationKind.ReusedVni, node.Name, TopologyIds.Tunnel(me, node.Name, tunnel.PeerNode),
                $"The tunnel of \"{me}\" from {node.Name} to {tunnel.PeerNode} carries VNI {tunnel.Vni}, which is \"{them}\"'s: its packets land in \"{them}\"'s VRF."));
        }

        foreach (var route in node.Inventory.Routes.Where(r => r.Network == me))
        {
            if (owners.TryGetValue(route.Via, out var target) && target.Network == them)
            {
                violations.Add(new(IsolationViolationKind.CrossVrfRoute, node.Name, TopologyIds.Vrf(node.Name, me),
                    $"On {node.Name} the VRF of \"{me}\" routes {route.Prefix} to {route.Via}, an interface of \"{them}\"."));
            }
        }

        var interfaces = node.Inventory.Memifs.Select(m => (m.Key, m.Network, Kind: "memif"))
            .Concat(node.Inventory.Taps.Select(t => (t.Key, t.Network, Kind: "tap")));
        foreach (var (key, network, kind) in interfaces.Where(i => i.Network == me))
        {
            if (owners.TryGetValue(key, out var owner) && owner.Network == them)
            {
                violations.Add(new(IsolationViolationKind.InterfaceInWrongVrf, node.Name, TopologyIds.Interface(owner.Namespace, owner.Pod, them),
                    $"On {node.Name} the {kind} {key} is in the VRF of \"{network}\", but its pod's configuration puts it on \"{them}\"."));
            }
        }

        var mineAddresses = owners.Values.Where(o => o.Network == me && o.Address is not null).Select(o => o.Address!).ToHashSet();
        var theirAddresses = owners.Values.Where(o => o.Network == them && o.Address is not null).Select(o => o.Address!).ToHashSet();
        foreach (var entry in node.Inventory.Services.Where(s => s.Network == me))
        {
            foreach (var backend in entry.Backends)
            {
                if (ReachabilityEngine.BackendAddress(backend) is IPAddress address && theirAddresses.Contains(address) && !mineAddresses.Contains(address))
                {
                    violations.Add(new(IsolationViolationKind.CrossNetworkBackend, node.Name, TopologyIds.Service(entry.Namespace, entry.Name),
                        $"On {node.Name} Service {entry.Namespace}/{entry.Name} on \"{me}\" balances to {backend}, held only by a pod of \"{them}\"."));
                }
            }
        }
    }
}
