using System.Collections.Immutable;

namespace Multinet.Shared.Domain;

/// <summary>Everything an agent knows about its node's dataplane: the snapshot it sends on connect.</summary>
public sealed record NodeReport
{
    public required string NodeName { get; init; }

    public required string Dataplane { get; init; }

    public required string AgentVersion { get; init; }

    public ImmutableArray<VrfStatus> Vrfs { get; init; } = [];
}
