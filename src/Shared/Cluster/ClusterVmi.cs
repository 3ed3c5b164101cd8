using System.Collections.Immutable;

namespace Multinet.Shared.Cluster;

/// <summary>
/// A KubeVirt VirtualMachineInstance as the console shows it: phase, node, the VirtualMachine it belongs to, and each
/// guest interface (spec joined with status) with its network source, binding, addresses and MAC.
/// </summary>
public sealed record ClusterVmi(string Namespace, string Name)
{
    public string Key => $"{Namespace}/{Name}";

    public string? Uid { get; init; }

    public string? Phase { get; init; }

    public string? NodeName { get; init; }

    /// <summary>The VirtualMachine that owns it, when one does.</summary>
    public string? VmName { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableArray<VmiInterfaceView> Interfaces { get; init; } = [];

    public bool Terminating { get; init; }
}
