namespace Multinet.Web.Topology.Reachability;

/// <summary>An endpoint a picker offers: its text form (<see cref="ReachabilityEndpoint"/>), a label and the element it is.</summary>
public sealed record EndpointOption(string Text, string Label, EndpointKind Kind, string? Network, string Id);
