using System.Collections.Immutable;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// What the planner reads that changed since the reconciler last took a snapshot: either only some Networks (by name),
/// or anything else as well (<see cref="Everything"/>: a node, pod, NAD, Service or policy, or a fresh list), which calls
/// for a full pass.
/// </summary>
internal sealed record PlannerChanges(bool Everything, ImmutableHashSet<string> Networks)
{
    /// <summary>Unknown or broad changes: plan and reconcile the whole node.</summary>
    public static PlannerChanges All { get; } = new(true, []);

    /// <summary>Nothing the planner reads changed.</summary>
    public static PlannerChanges None { get; } = new(false, []);

    public bool IsEmpty => !Everything && Networks.IsEmpty;
}
