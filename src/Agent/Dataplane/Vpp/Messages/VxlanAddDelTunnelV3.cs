using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>vxlan_add_del_tunnel_v3</c>: is_add, instance (~0 = any), src/dst address, src/dst port, mcast_sw_if_index,
/// encap_vrf_id, decap_next_index, vni, is_l3. The reply carries the tunnel's sw_if_index.
/// </summary>
internal sealed record VxlanAddDelTunnelV3(bool IsAdd, IPAddress Source, IPAddress Destination, uint Vni, uint EncapVrfId) : IVppRequest
{
    public uint Instance { get; init; } = uint.MaxValue;

    public ushort SourcePort { get; init; } = 4789;

    public ushort DestinationPort { get; init; } = 4789;

    /// <summary>~0: VPP's default next node for decapsulated packets (l2-input).</summary>
    public uint DecapNextIndex { get; init; } = uint.MaxValue;

    public bool IsL3 { get; init; }

    public string MessageName => "vxlan_add_del_tunnel_v3";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["is_add"] = IsAdd,
        ["instance"] = Instance,
        ["src_address"] = VppAddress.ToFields(Source),
        ["dst_address"] = VppAddress.ToFields(Destination),
        ["src_port"] = SourcePort,
        ["dst_port"] = DestinationPort,
        ["mcast_sw_if_index"] = uint.MaxValue,
        ["encap_vrf_id"] = EncapVrfId,
        ["decap_next_index"] = DecapNextIndex,
        ["vni"] = Vni,
        ["is_l3"] = IsL3,
    };
}
