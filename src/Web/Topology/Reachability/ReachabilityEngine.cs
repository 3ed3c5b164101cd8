using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Multinet.Shared.Cluster;
using Multinet.Shared.Validation;
using Multinet.Web.State;

namespace Multinet.Web.Topology.Reachability;

/// <summary>
/// "Can A reach B?" from a snapshot: pure, so tests give it crafted states. The path is: both ends on one Network; the
/// source interface and its egress rules; the source node's VRF and its route; the tunnel between the nodes (both ends,
/// up, the Network's VNI); the destination node's VRF and route; the destination's ingress rules and interface. For a
/// Service, its entry on the source node and then the path to a backend (the first reachable one).
/// </summary>
public static class ReachabilityEngine
{
    public static EngineResult<ReachabilityAnswer> Check(LiveSnapshot snapshot, ReachabilityEndpoint from, ReachabilityEndpoint to, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var resolver = new EndpointResolver(snapshot);
        var checks = new HopChecks(snapshot, LiveState.ViewOf(snapshot));
        var errors = new List<FieldViolation>();
        var (source, sourceError) = resolver.Interface("from", from);
        AddIf(errors, sourceError);

        ClusterService? service = null;
        ResolvedInterface? target = null;
        if (to.Kind == EndpointKind.Service)
        {
            (service, var error) = resolver.Service("to", to);
            AddIf(errors, error);
        }
        else
        {
            (target, var error) = resolver.Interface("to", to);
            AddIf(errors, error);
        }

        if (errors.Count > 0)
        {
            return EngineResult<ReachabilityAnswer>.Invalid(errors);
        }

        ImmutableArray<ReachabilityHop> hops;
        if (source is null)
        {
            hops = [new(TopologyIds.Network(from.Network!), HopKind.Address, null, false, $"No pod interface on \"{from.Network}\" holds {from.Address}: nothing sends from it.")];
        }
        else if (service is not null)
        {
            hops = ServicePath(resolver, checks, source, service);
        }
        else
        {
            hops = Path(checks, source, target, to);
        }

        return EngineResult<ReachabilityAnswer>.Of(Answer(snapshot, from, to, hops, now));
    }

    private static ImmutableArray<ReachabilityHop> Path(HopChecks checks, ResolvedInterface source, ResolvedInterface? target, ReachabilityEndpoint to)
    {
        var network = to.Network!;
        var destination = target?.Address ?? to.Address;
        var hops = ImmutableArray.CreateBuilder<ReachabilityHop>();
        if (source.Network != network)
        {
            hops.Add(checks.Interface(source));
            hops.Add(new(TopologyIds.Network(source.Network), HopKind.Network, null, false,
                $"{source.Describe} is on \"{source.Network}\" and the destination on \"{network}\": each Network is its own VRF and nothing routes between them."));
            if (target is not null)
            {
                hops.Add(checks.Interface(target));
            }

            return hops.ToImmutable();
        }

        hops.Add(new(TopologyIds.Network(network), HopKind.Network, null, true, $"Both ends are on \"{network}\"."));
        hops.Add(checks.Interface(source));
        hops.Add(checks.Policy(source, "egress", destination));
        if (source.Node is null)
        {
            return hops.ToImmutable();
        }

        hops.Add(checks.Vrf(source.Node, network, destination, target));
        if (target is null)
        {
            hops.Add(new(TopologyIds.Network(network), HopKind.Address, null, false, $"No pod interface on \"{network}\" holds {destination}."));
            return hops.ToImmutable();
        }

        if (target.Node is not null && target.Node != source.Node)
        {
            hops.Add(checks.Tunnel(network, source.Node, target.Node));
            hops.Add(checks.Vrf(target.Node, network, destination, target));
        }

        hops.Add(checks.Policy(target, "ingress", source.Address));
        hops.Add(checks.Interface(target));
        return hops.ToImmutable();
    }

    private static ImmutableArray<ReachabilityHop> ServicePath(EndpointResolver resolver, HopChecks checks, ResolvedInterface source, ClusterService service)
    {
        var network = service.Network!;
        var elsewhere = ReachabilityEndpoint.ForAddress(IPAddress.None, network);
        if (source.Network != network || source.Node is null)
        {
            return Path(checks, source, null, elsewhere);
        }

        var serviceHop = checks.Service(source.Node, service);
        ImmutableArray<ReachabilityHop>? first = null;
        foreach (var backend in checks.Backends(source.Node, service))
        {
            var address = BackendAddress(backend);
            var holder = address is null ? null : resolver.Holder(address, network);
            var to = holder is null
                ? ReachabilityEndpoint.ForAddress(address ?? IPAddress.None, network)
                : ReachabilityEndpoint.ForPod(holder.Namespace, holder.Pod, network);
            var path = Path(checks, source, holder, to).Insert(3, serviceHop);
            first ??= path;
            if (path.All(h => h.Ok == true))
            {
                return path;
            }
        }

        return first ?? [new(TopologyIds.Network(network), HopKind.Network, null, true, $"Both ends are on \"{network}\"."), checks.Interface(source), serviceHop];
    }

    /// <summary>The address of a backend written <c>ip:port</c> or <c>[ip6]:port</c>.</summary>
    internal static IPAddress? BackendAddress(string backend) =>
        IPEndPoint.TryParse(backend, out var endpoint) ? endpoint.Address : IPAddress.TryParse(backend, out var address) ? address : null;

    private static ReachabilityAnswer Answer(LiveSnapshot snapshot, ReachabilityEndpoint from, ReachabilityEndpoint to, ImmutableArray<ReachabilityHop> hops, DateTime now)
    {
        var broken = hops.FirstOrDefault(h => h.Ok == false);
        var unknown = hops.FirstOrDefault(h => h.Ok is null);
        var verdict = broken is not null ? ReachabilityVerdict.NotReachable
            : unknown is not null ? ReachabilityVerdict.Unknown
            : ReachabilityVerdict.Reachable;
        var summary = verdict switch
        {
            ReachabilityVerdict.Reachable => $"{from} can reach {to}: every hop of the path is in place.",
            ReachabilityVerdict.NotReachable => $"{from} cannot reach {to}: {broken!.Reason}",
            _ => $"Whether {from} can reach {to} is unknown: {unknown!.Reason}",
        };
        return new ReachabilityAnswer
        {
            From = from.ToString(),
            To = to.ToString(),
            Verdict = verdict,
            Hops = hops,
            FirstBroken = broken ?? unknown,
            Summary = summary,
            Basis = Basis(snapshot, now),
            ComputedAt = now,
            SnapshotVersion = snapshot.Version,
            MtuWarnings = [.. hops.Where(h => h.Kind == HopKind.Tunnel).Select(h => h.Id).Distinct(StringComparer.Ordinal)
                .SelectMany(id => MtuCheck.Warnings(snapshot, from.Network ?? "").Where(w => w.TunnelId == id))],
        };
    }

    internal static string Basis(LiveSnapshot snapshot, DateTime now) =>
        string.Create(CultureInfo.InvariantCulture, $"Computed from reported state at {now:u} (snapshot {snapshot.Version}), not from traffic.");

    private static void AddIf(List<FieldViolation> errors, FieldViolation? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
