using System.Collections.Immutable;

namespace Multinet.Shared.Cluster;

/// <summary>
/// One guest interface of a VMI: its name in the VMI (the network it connects to), its name in the guest (eth1, once
/// reported), the source (<see cref="NadKey"/> <c>ns/nad</c> for Multus, null for the pod network), the binding
/// (bridge, masquerade, sriov...), the addresses and MAC reported, and the launcher pod's interface behind it.
/// </summary>
public sealed record VmiInterfaceView(string Name, string? NadKey, string? Binding)
{
    public string? GuestName { get; init; }

    public ImmutableArray<string> Ips { get; init; } = [];

    public string? Mac { get; init; }

    public string? InfoSource { get; init; }

    public string? PodInterfaceName { get; init; }

    public bool OnPodNetwork => NadKey is null;
}
