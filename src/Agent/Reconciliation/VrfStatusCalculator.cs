using System.Collections.Immutable;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Reconciliation;

/// <summary>Turns a plan, what the dataplane holds after a reconcile and the calls that failed into one status per network.</summary>
internal static class VrfStatusCalculator
{
    public static ImmutableArray<VrfStatus> Compute(NodePlan plan, IReadOnlyList<DataplaneTable> after, IReadOnlyDictionary<string, string> failures,
        IReadOnlyDictionary<string, long> generations, ImmutableArray<VrfStatus> previous, DateTime now)
    {
        // A problem with one object of a planned network (a pod without an address, no tunnels) marks that network's VRF too.
        var planned = plan.Vrfs.Select(v => v.Network).ToHashSet(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(failures, StringComparer.Ordinal);
        foreach (var problem in plan.Problems.Where(p => p.Object is not null && planned.Contains(p.Network)))
        {
            failed.TryAdd(problem.Network, problem.Message);
        }

        failures = failed;
        var tables = after.DistinctBy(t => (t.TableId, t.IsIpv6)).ToDictionary(t => (t.TableId, t.IsIpv6), t => t.Name);
        var earlier = previous.ToDictionary(v => v.Network, StringComparer.Ordinal);
        var statuses = ImmutableArray.CreateBuilder<VrfStatus>(plan.Vrfs.Length + plan.Problems.Length);
        foreach (var vrf in plan.Vrfs)
        {
            tables.TryGetValue((vrf.TableId, vrf.IsIpv6), out var holder);
            if (failures.TryGetValue(vrf.Network, out var failure))
            {
                statuses.Add(new(vrf.Network, vrf.TableId, VrfState.Error, failure, vrf.Generation, null));
            }
            else if (holder == vrf.TableName)
            {
                var keep = earlier.TryGetValue(vrf.Network, out var was) && was.State is VrfState.Applied
                    && was.TableId == vrf.TableId && was.Generation == vrf.Generation;
                statuses.Add(new(vrf.Network, vrf.TableId, VrfState.Applied, null, vrf.Generation, keep ? was!.AppliedAt : now));
            }
            else if (holder is not null)
            {
                statuses.Add(new(vrf.Network, vrf.TableId, VrfState.Error,
                    $"Table {vrf.TableId} is held by \"{holder}\", which this agent does not own; it is left alone.", vrf.Generation, null));
            }
            else
            {
                statuses.Add(new(vrf.Network, vrf.TableId, VrfState.Error, $"Table {vrf.TableId} is missing after the reconcile.", vrf.Generation, null));
            }
        }

        foreach (var problem in plan.Problems.Where(p => p.Object is null))
        {
            statuses.Add(new(problem.Network, 0, VrfState.Error, problem.Message, generations.GetValueOrDefault(problem.Network), null));
        }

        // A table left behind by a Network that is gone (its delete failed) stays visible until it is cleaned up.
        var reported = statuses.Select(s => s.Network).ToHashSet(StringComparer.Ordinal);
        foreach (var (network, failure) in failures.Where(f => !reported.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var leftover = after.FirstOrDefault(t => DataplaneNames.NetworkOfTable(t.Name) == network);
            statuses.Add(new(network, leftover?.TableId ?? 0, VrfState.Error, failure, 0, null));
        }

        return statuses.ToImmutable();
    }
}
