using System.Net;
using Multinet.Shared.Validation;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// Where a probe goes: from the node of the source pod interface, in its Network's VRF, from its address, to the
/// destination pod interface's address (or the address given). A Service is no probe destination (its VIP is
/// load-balanced: the computed answer follows its backends). A pod interface on another Network is not probed at all
/// (<see cref="NotSent"/> says why): the probe would leave in the source's VRF, where the other Network's address means
/// something else or nothing (Networks may share a range: it may even be the source's own address).
/// </summary>
internal sealed record ProbeTarget(string Node, string Network, IPAddress? Source, IPAddress Destination)
{
    /// <summary>Why nothing is sent (the ends are on two Networks); null when the probe goes out.</summary>
    public string? NotSent { get; init; }

    public static ProbeTarget? Resolve(LiveSnapshot snapshot, ReachabilityEndpoint from, ReachabilityEndpoint to, List<FieldViolation> errors)
    {
        var resolver = new EndpointResolver(snapshot);
        var (source, sourceError) = resolver.Interface("from", from);
        if (sourceError is not null)
        {
            errors.Add(sourceError);
        }
        else if (source is null)
        {
            errors.Add(new FieldViolation("from", "FieldValueNotFound", $"No pod interface on \"{from.Network}\" holds {from.Address}: a probe is sent from a pod's node."));
        }
        else if (source.Node is null)
        {
            errors.Add(new FieldViolation("from", FieldReasons.Invalid, $"Pod {source.Namespace}/{source.Pod} is not scheduled on a node: there is nowhere to probe from."));
        }

        IPAddress? destination = null;
        string? notSent = null;
        if (to.Kind == EndpointKind.Service)
        {
            errors.Add(new FieldViolation("to", FieldReasons.Invalid, "A probe goes to a pod interface or an address, not a Service."));
        }
        else
        {
            var (target, targetError) = resolver.Interface("to", to);
            if (targetError is not null)
            {
                errors.Add(targetError);
            }
            else if ((to.Address ?? target?.Address) is { } address)
            {
                destination = address;
                if (target is not null && source is not null && target.Network != source.Network)
                {
                    notSent = $"{target.Describe} is on \"{target.Network}\" and {source.Describe} on \"{source.Network}\": the Networks are isolated "
                        + $"(each its own VRF), so there is no path to probe; nothing was sent. To look for a leak, probe the address in the source's Network (ip/{address}@{source.Network}).";
                }
            }
            else
            {
                errors.Add(new FieldViolation("to", FieldReasons.Invalid, $"Pod {to.Namespace}/{to.Name} has no address on \"{to.Network}\" to probe."));
            }
        }

        return errors.Count > 0 ? null : new ProbeTarget(source!.Node!, source.Network, source.Address, destination!) { NotSent = notSent };
    }
}
