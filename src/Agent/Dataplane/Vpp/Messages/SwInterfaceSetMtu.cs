namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_set_mtu</c>: sw_if_index, u32 mtu[4] (L3, IPv4, IPv6, MPLS; 0 leaves one unchanged).</summary>
internal sealed record SwInterfaceSetMtu(uint SwIfIndex, uint L3Mtu) : IVppRequest
{
    public string MessageName => "sw_interface_set_mtu";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["mtu"] = new object?[] { L3Mtu, 0u, 0u, 0u } };
}
