using System.Globalization;
using k8s.Models;
using Multinet.Shared.Crds;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Cluster;

/// <summary>
/// The status a Network should carry, from what every node's agent reports (the Node annotation
/// <c>multinet.projectcalico.org/network-state</c>) and from the other Networks (VNI duplicates, range overlaps). Pure.
/// </summary>
public static class NetworkStatusCalculator
{
    public const string ReadyCondition = "Ready";
    public const string DegradedCondition = "Degraded";
    public const string VniConflictCondition = "VniConflict";
    public const string RangeOverlapCondition = "RangeOverlap";

    private const int MaxNodesNamed = 3;

    /// <summary>
    /// The status for <paramref name="network"/>. A condition keeps its lastTransitionTime from <paramref name="network"/>'s
    /// current status while its status is unchanged; otherwise it takes <paramref name="now"/>.
    /// </summary>
    public static NetworkStatus Compute(V3Network network, ClusterView view, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(view);
        var name = network.Metadata?.Name ?? "";
        var generation = network.Metadata?.Generation;
        var ready = new List<string>();
        var errors = new List<NetworkNodeError>();
        foreach (var node in view.Nodes)
        {
            if (!node.NetworkStates.TryGetValue(name, out var state))
            {
                continue;
            }

            if (state.State == NodeNetworkStates.Error)
            {
                errors.Add(new NetworkNodeError { Node = node.Name, Message = state.Error ?? "the agent reported an error without a message." });
            }
            else if (AppliedGeneration.HasApplied(state, generation))
            {
                ready.Add(node.Name);
            }
        }

        var total = view.Nodes.Length;
        var validation = NetworkValidator.Validate(network, view.Networks);
        var vniConflict = validation.Errors.FirstOrDefault(e => e.Field == NetworkValidator.VniField && e.Reason == FieldReasons.Duplicate);
        var overlap = validation.Warnings.FirstOrDefault(w => w.Field == NetworkValidator.RangeField);
        var previous = network.Status?.Conditions ?? [];
        return new NetworkStatus
        {
            ObservedGeneration = generation,
            NodesReady = ready.Count,
            NodesTotal = total,
            Ready = string.Create(CultureInfo.InvariantCulture, $"{ready.Count}/{total}"),
            NodeErrors = errors,
            Conditions =
            [
                total == 0
                    ? Condition(previous, ReadyCondition, false, "NoNodes", "No nodes to apply the Network on.", generation, now)
                    : ready.Count == total
                        ? Condition(previous, ReadyCondition, true, "Applied", $"Applied on all {total} nodes.", generation, now)
                        : Condition(previous, ReadyCondition, false, "Pending", $"Applied on {ready.Count} of {total} nodes.", generation, now),
                errors.Count == 0
                    ? Condition(previous, DegradedCondition, false, "NoErrors", "No node reports an error.", generation, now)
                    : Condition(previous, DegradedCondition, true, "NodeErrors", DescribeErrors(errors), generation, now),
                vniConflict is null
                    ? Condition(previous, VniConflictCondition, false, "Unique", "No other Network uses this VNI.", generation, now)
                    : Condition(previous, VniConflictCondition, true, "DuplicateVni", vniConflict.Message, generation, now),
                overlap is null
                    ? Condition(previous, RangeOverlapCondition, false, "NoOverlap", "The range overlaps no other Network's.", generation, now)
                    : Condition(previous, RangeOverlapCondition, true, "Overlap", overlap.Message, generation, now),
            ],
        };
    }

    /// <summary>True when two statuses say the same thing (lastTransitionTime aside).</summary>
    public static bool Equivalent(NetworkStatus? a, NetworkStatus? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return a.ObservedGeneration == b.ObservedGeneration && a.NodesReady == b.NodesReady && a.NodesTotal == b.NodesTotal && a.Ready == b.Ready
            && (a.NodeErrors ?? []).Select(e => (e.Node, e.Message)).SequenceEqual((b.NodeErrors ?? []).Select(e => (e.Node, e.Message)))
            && (a.Conditions ?? []).Select(Comparable).SequenceEqual((b.Conditions ?? []).Select(Comparable));
    }

    private static (string, string, string, string, long?) Comparable(V1Condition c) => (c.Type, c.Status, c.Reason, c.Message, c.ObservedGeneration);

    private static V1Condition Condition(IList<V1Condition> previous, string type, bool status, string reason, string message, long? generation, DateTime now)
    {
        var text = status ? "True" : "False";
        var before = previous.FirstOrDefault(c => c.Type == type);
        return new V1Condition
        {
            Type = type,
            Status = text,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = before is not null && before.Status == text ? before.LastTransitionTime : now,
        };
    }

    private static string DescribeErrors(List<NetworkNodeError> errors)
    {
        var named = string.Join(", ", errors.Take(MaxNodesNamed).Select(e => e.Node));
        var more = errors.Count > MaxNodesNamed ? string.Create(CultureInfo.InvariantCulture, $" and {errors.Count - MaxNodesNamed} more") : "";
        return $"Failed on {named}{more}: {errors[0].Message}";
    }
}
