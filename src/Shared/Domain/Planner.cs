using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Multinet.Shared.Cluster;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Domain;

/// <summary>
/// Turns the cluster view into one node's intended dataplane (docs/DOMAIN.md, "The dataplane"). Pure: same input, same
/// plan. Nothing in the view makes it throw: what cannot be planned becomes a <see cref="PlanProblem"/>.
/// </summary>
public static partial class Planner
{
    /// <summary>VRFs only, from the Networks alone: a view without nodes, pods, services or policies.</summary>
    public static NodePlan Plan(string nodeName, IEnumerable<V3Network> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        return Plan(nodeName, new ClusterView { Networks = [.. networks] });
    }

    public static NodePlan Plan(string nodeName, ClusterView view)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentNullException.ThrowIfNull(view);

        var problems = new List<PlanProblem>();
        var networks = PlanVrfs(view.Networks, problems);
        var context = new PlanContext(nodeName, view, networks, problems);
        var tunnels = PlanTunnels(context);
        var (interfaces, hostRoutes) = PlanPods(context, tunnels);
        ImmutableArray<RouteSpec> routes = [.. hostRoutes, .. PlanAttachmentRoutes(context, interfaces)];
        var services = PlanServices(context);
        var policies = PlanPolicies(context, interfaces);

        return new NodePlan(nodeName, [.. networks.Values.Select(n => n.Vrf).OrderBy(v => v.TableId)], [.. problems])
        {
            Tunnels = tunnels,
            Interfaces = interfaces,
            Routes = routes,
            Services = services,
            Policies = policies,
        };
    }

    /// <summary>A Network that got a VRF, with what the other objects need of it.</summary>
    private sealed record UsableNetwork(VrfPlan Vrf, IPNetwork Range, string PhysicalNetworkName)
    {
        public AddressFamily Family => Range.BaseAddress.AddressFamily;
    }

    private sealed record PlanContext(string NodeName, ClusterView View, IReadOnlyDictionary<string, UsableNetwork> Networks, List<PlanProblem> Problems)
    {
        private readonly Dictionary<string, ClusterNad> _nads = View.Nads
            .GroupBy(n => n.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        /// <summary>The usable Network an attachment lands on, or null when its NAD is unknown, not ours, or names no usable Network.</summary>
        public UsableNetwork? NetworkOf(PodAttachment attachment) =>
            _nads.TryGetValue(attachment.NadKey, out var nad) && nad.NetworkName is { } name ? Networks.GetValueOrDefault(name) : null;

        public ClusterNad? NadOf(PodAttachment attachment) => _nads.GetValueOrDefault(attachment.NadKey);

        public void Problem(string network, string obj, string message) => Problems.Add(new(network, message) { Object = obj });
    }

    private static Dictionary<string, UsableNetwork> PlanVrfs(ImmutableArray<V3Network> networks, List<PlanProblem> problems)
    {
        var usable = new Dictionary<string, UsableNetwork>(StringComparer.Ordinal);
        var owners = new Dictionary<long, string>();

        // Oldest first, so that if two Networks ever share a VNI (a cluster without our admission) the older keeps it.
        foreach (var network in networks
                     .Where(n => !string.IsNullOrEmpty(n.Metadata?.Name))
                     .OrderBy(n => n.Metadata.CreationTimestamp ?? DateTime.MaxValue)
                     .ThenBy(n => n.Metadata.Name, StringComparer.Ordinal))
        {
            var name = network.Metadata.Name;
            var spec = network.Spec ?? new NetworkSpec();
            if (spec.Vni is not { } vni || vni is < 1 or > CrdConstants.MaxVni || vni == CrdConstants.DefaultNetworkVni)
            {
                problems.Add(new(name, $"spec.vni {spec.Vni?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"} is not a usable VNI."));
                continue;
            }

            if (!NetworkValidator.TryParseRange(spec.Range, out var range, out var rangeError))
            {
                problems.Add(new(name, $"spec.range: {rangeError}"));
                continue;
            }

            if (owners.TryGetValue(vni, out var owner))
            {
                problems.Add(new(name, $"VNI {vni} is already used by Network \"{owner}\"."));
                continue;
            }

            if (usable.ContainsKey(name))
            {
                continue; // the same name twice in one view: the older copy stands
            }

            owners[vni] = name;
            var vrf = new VrfPlan(name, (uint)vni, range.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6, vni, range.ToString(),
                network.Metadata.Generation ?? 0);
            usable[name] = new UsableNetwork(vrf, range, spec.PhysicalNetworkName ?? "");
        }

        return usable;
    }
}
