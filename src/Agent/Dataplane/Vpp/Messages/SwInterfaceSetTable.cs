namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_set_table</c>: sw_if_index, bool is_ipv6, u32 vrf_id.</summary>
internal sealed record SwInterfaceSetTable(uint SwIfIndex, bool IsIpv6, uint VrfId) : IVppRequest
{
    public string MessageName => "sw_interface_set_table";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["is_ipv6"] = IsIpv6, ["vrf_id"] = VrfId };
}
