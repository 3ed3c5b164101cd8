namespace Multinet.Shared.Domain;

/// <summary>A Network the planner could not turn into dataplane objects, and why.</summary>
public sealed record PlanProblem(string Network, string Message);
