using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>vxlan_tunnel_v2_details</c>: u32 context, sw_if_index, instance, address src_address, address dst_address,
/// u16 src_port, u16 dst_port, mcast_sw_if_index, encap_vrf_id, decap_next_index, vni.
/// </summary>
internal sealed record VxlanTunnelV2Details(uint SwIfIndex, uint Instance, IPAddress Source, IPAddress Destination, uint EncapVrfId,
    uint DecapNextIndex, uint Vni)
{
    public ushort SourcePort { get; init; } = 4789;

    public ushort DestinationPort { get; init; } = 4789;

    public static VxlanTunnelV2Details From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Get<uint>("sw_if_index"), message.Get<uint>("instance"),
            VppAddress.From(message.Get<IReadOnlyDictionary<string, object?>>("src_address")),
            VppAddress.From(message.Get<IReadOnlyDictionary<string, object?>>("dst_address")),
            message.Get<uint>("encap_vrf_id"), message.Get<uint>("decap_next_index"), message.Get<uint>("vni"))
        {
            SourcePort = message.Get<ushort>("src_port"),
            DestinationPort = message.Get<ushort>("dst_port"),
        };
    }

    public Dictionary<string, object?> ToFields(uint context) => new()
    {
        ["context"] = context,
        ["sw_if_index"] = SwIfIndex,
        ["instance"] = Instance,
        ["src_address"] = VppAddress.ToFields(Source),
        ["dst_address"] = VppAddress.ToFields(Destination),
        ["src_port"] = SourcePort,
        ["dst_port"] = DestinationPort,
        ["mcast_sw_if_index"] = uint.MaxValue,
        ["encap_vrf_id"] = EncapVrfId,
        ["decap_next_index"] = DecapNextIndex,
        ["vni"] = Vni,
    };
}
