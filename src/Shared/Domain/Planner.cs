using System.Collections.Immutable;
using System.Net.Sockets;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Domain;

/// <summary>Turns the cluster view into one node's intended dataplane. Pure: same input, same plan.</summary>
public static class Planner
{
    public static NodePlan Plan(string nodeName, IEnumerable<V3Network> networks)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentNullException.ThrowIfNull(networks);

        var vrfs = ImmutableArray.CreateBuilder<VrfPlan>();
        var problems = ImmutableArray.CreateBuilder<PlanProblem>();
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
                problems.Add(new(name, $"spec.vni {spec.Vni?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(missing)"} is not a usable VNI."));
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

            owners[vni] = name;
            vrfs.Add(new VrfPlan(name, (uint)vni, range.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6,
                vni, range.ToString(), network.Metadata.Generation ?? 0));
        }

        vrfs.Sort((a, b) => a.TableId.CompareTo(b.TableId));
        return new NodePlan(nodeName, vrfs.ToImmutable(), problems.ToImmutable());
    }
}
