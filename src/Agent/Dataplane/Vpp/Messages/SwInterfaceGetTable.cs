namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_get_table</c>: sw_if_index, bool is_ipv6. The reply carries the interface's vrf_id (0 when unbound).</summary>
internal sealed record SwInterfaceGetTable(uint SwIfIndex, bool IsIpv6) : IVppRequest
{
    public string MessageName => "sw_interface_get_table";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["is_ipv6"] = IsIpv6 };
}
