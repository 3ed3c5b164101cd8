using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>
/// The dataplane a node should have: a VRF per usable Network, the VXLAN mesh to the other nodes, the local pods'
/// interfaces, routes to local and remote pods, network-aware service entries and policy bindings. Every
/// collection is in a deterministic order, so equal inputs give equal plans.
/// </summary>
public sealed record NodePlan(string NodeName, ImmutableArray<VrfPlan> Vrfs, ImmutableArray<PlanProblem> Problems)
{
    public ImmutableArray<TunnelSpec> Tunnels { get; init; } = [];

    public ImmutableArray<PodInterfaceSpec> Interfaces { get; init; } = [];

    public ImmutableArray<RouteSpec> Routes { get; init; } = [];

    public ImmutableArray<ServiceEntrySpec> Services { get; init; } = [];

    public ImmutableArray<PolicyBindingSpec> Policies { get; init; } = [];
}
