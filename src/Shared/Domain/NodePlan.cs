using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>The dataplane a node should have.</summary>
public sealed record NodePlan(string NodeName, ImmutableArray<VrfPlan> Vrfs, ImmutableArray<PlanProblem> Problems);
