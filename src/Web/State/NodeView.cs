using System.Collections.Immutable;
using Multinet.Shared.Domain;

namespace Multinet.Web.State;

/// <summary>A node as the console knows it: its agent's connection and the VRFs it last reported.</summary>
public sealed record NodeView
{
    public required string Name { get; init; }

    public bool Connected { get; init; }

    public DateTime? LastSeen { get; init; }

    /// <summary>Connected, but silent for longer than a few heartbeats: what it last reported may no longer hold.</summary>
    public bool Stale { get; init; }

    public string Dataplane { get; init; } = "";

    public string AgentVersion { get; init; } = "";

    public ImmutableArray<VrfStatus> Vrfs { get; init; } = [];
}
