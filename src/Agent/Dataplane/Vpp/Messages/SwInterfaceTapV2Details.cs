namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// The parts of <c>sw_interface_tap_v2_details</c> the agent reads: sw_if_index, id, dev_name[64], host_if_name[64],
/// host_namespace[64] and host_mac_addr, the pod side's MAC (the message also carries ring sizes, host MTU and prefixes,
/// tap_flags and host_bridge).
/// </summary>
internal sealed record SwInterfaceTapV2Details(uint SwIfIndex, uint Id, string DeviceName, string HostInterfaceName, string HostNamespace)
{
    /// <summary>The host (pod) side's MAC, <c>aa:bb:cc:dd:ee:ff</c>; null when VPP reports none.</summary>
    public string? HostMac { get; init; }

    public static SwInterfaceTapV2Details From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Get<uint>("sw_if_index"), message.Get<uint>("id"), message.Get<string>("dev_name"),
            message.Get<string>("host_if_name"), message.Get<string>("host_namespace"))
        {
            HostMac = VppDataplane.FormatMac(message.Get<byte[]>("host_mac_addr")),
        };
    }

    public Dictionary<string, object?> ToFields(uint context) => new()
    {
        ["context"] = context,
        ["sw_if_index"] = SwIfIndex,
        ["id"] = Id,
        ["tx_ring_sz"] = (ushort)256,
        ["rx_ring_sz"] = (ushort)256,
        ["host_mac_addr"] = HostMac is null ? new byte[6] : System.Net.NetworkInformation.PhysicalAddress.Parse(HostMac.Replace(':', '-')).GetAddressBytes(),
        ["dev_name"] = DeviceName,
        ["host_if_name"] = HostInterfaceName,
        ["host_namespace"] = HostNamespace,
    };
}
