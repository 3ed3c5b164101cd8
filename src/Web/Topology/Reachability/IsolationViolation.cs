namespace Multinet.Web.Topology.Reachability;

/// <summary>One leak between two Networks: where (<paramref name="Node"/>, null when cluster-wide), the element it is on (<see cref="TopologyIds"/>) and why.</summary>
public sealed record IsolationViolation(IsolationViolationKind Kind, string? Node, string Id, string Message);
