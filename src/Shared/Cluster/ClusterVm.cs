using System.Collections.Immutable;

namespace Multinet.Shared.Cluster;

/// <summary>A KubeVirt VirtualMachine as the console shows it: its run strategy, printable status and the networks of its template.</summary>
public sealed record ClusterVm(string Namespace, string Name, string RunStrategy)
{
    public string Key => $"{Namespace}/{Name}";

    public string? PrintableStatus { get; init; }

    public bool Ready { get; init; }

    /// <summary>The template's interfaces (no addresses: those are the VMI's).</summary>
    public ImmutableArray<VmiInterfaceView> Interfaces { get; init; } = [];
}
