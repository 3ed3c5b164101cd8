namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>sw_interface_set_unnumbered</c>: sw_if_index (the interface with the address, here the VRF's loopback),
/// unnumbered_sw_if_index (the interface that borrows it), bool is_add. Both must be in the same table; enables IPv4/IPv6 on
/// the borrower.
/// </summary>
internal sealed record SwInterfaceSetUnnumbered(uint SwIfIndex, uint UnnumberedSwIfIndex, bool IsAdd) : IVppRequest
{
    public string MessageName => "sw_interface_set_unnumbered";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["unnumbered_sw_if_index"] = UnnumberedSwIfIndex, ["is_add"] = IsAdd };
}
