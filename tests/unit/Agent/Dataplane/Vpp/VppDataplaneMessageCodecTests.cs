using System.Net;
using System.Text;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// The messages behind tunnels, pod interfaces, routes and service entries, against byte vectors worked out by hand
/// from the embedded .api.json definitions. Every message starts with u16 _vl_msg_id; requests then carry u32 client_index
/// and u32 context (10 bytes of header), replies and details u32 context (6 bytes). Fields are packed with no padding,
/// numbers big-endian, bool one byte, <c>string x[N]</c> N bytes NUL-padded, <c>vl_api_address_t</c> 17 bytes (u8 af,
/// 16-byte union with IPv4 in the first 4), enums their enumtype (u32 unless said). Message ids here are arbitrary:
/// on a real socket they come from the table sockclnt_create_reply returns for the name_crc (listed at the end).
/// </summary>
public sealed class VppDataplaneMessageCodecTests
{
    private static readonly VppApiSchema s_schema = VppApiSchema.Embedded;

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Ascii(string text, int size) => Convert.ToHexStringLower(Encoding.ASCII.GetBytes(text)) + new string('0', 2 * (size - text.Length));

    private static string Zeros(int bytes) => new('0', 2 * bytes);

    private static byte[] Encode(IVppRequest request, ushort id, uint clientIndex, uint context) =>
        VppCodec.Encode(s_schema.GetMessage(request.MessageName), id, new Dictionary<string, object?>(request.ToFields())
        {
            ["client_index"] = clientIndex,
            ["context"] = context,
        });

    private static VppMessage Decode(string name, string hex) => VppCodec.Decode(s_schema.GetMessage(name), Convert.FromHexString(hex));

    [Fact]
    public void Encode_SwInterfaceTagAddDel_PadsTheTagToSixtyFourBytes()
    {
        var bytes = Encode(new SwInterfaceTagAddDel(true, 5, "mn:t:blue/node-2"), 0x0101, 1, 2);

        // 0   u16 id 0x0101 | 2 u32 client_index 1 | 6 u32 context 2 | 10 bool is_add | 11 u32 sw_if_index 5 | 15 string tag[64] → 79
        Assert.Equal("0101" + "00000001" + "00000002" + "01" + "00000005" + Ascii("mn:t:blue/node-2", 64), Hex(bytes));
        Assert.Equal(79, bytes.Length);
    }

    [Fact]
    public void Encode_SwInterfaceGetTable_AndDecodeItsReply()
    {
        var bytes = Encode(new SwInterfaceGetTable(5, true), 0x0102, 0, 3);

        // 10 u32 sw_if_index | 14 bool is_ipv6 → 15
        Assert.Equal("0102" + "00000000" + "00000003" + "00000005" + "01", Hex(bytes));

        // reply: u16 id | u32 context 3 | i32 retval 0 | u32 vrf_id 0x38 = 56
        var reply = Decode("sw_interface_get_table_reply", "0103" + "00000003" + "00000000" + "00000038");
        Assert.Equal(3u, reply.Context);
        Assert.Equal(0, reply.RetVal);
        Assert.Equal(56u, reply.Get<uint>("vrf_id"));
    }

    [Fact]
    public void Encode_AddNodeNext_TwoFixedStrings_AndDecodeTheNextIndex()
    {
        var bytes = Encode(new AddNodeNext("vxlan4-input", "ip4-input"), 0x0104, 0, 4);

        // 10 string node_name[64] | 74 string next_name[64] → 138
        Assert.Equal("0104" + "00000000" + "00000004" + Ascii("vxlan4-input", 64) + Ascii("ip4-input", 64), Hex(bytes));
        Assert.Equal(138, bytes.Length);
        Assert.Equal(2u, Decode("add_node_next_reply", "0105" + "00000004" + "00000000" + "00000002").Get<uint>("next_index"));
    }

    [Fact]
    public void Encode_VxlanTunnelV3_L3WithDecapNext_SetsTheLastFields()
    {
        var request = new VxlanAddDelTunnelV3(true, IPAddress.Parse("192.168.0.1"), IPAddress.Parse("192.168.0.2"), 5000, 7)
        {
            DecapNextIndex = 2,
            IsL3 = true,
        };

        var bytes = Encode(request, 3, 0, 1);

        // 10 is_add | 11 instance ~0 | 15 src (af 0, c0a80001, 12 zero) | 32 dst | 49 src_port 4789 | 51 dst_port | 53 mcast ~0
        // | 57 encap_vrf_id 7 | 61 decap_next_index 2 | 65 vni 5000 = 0x1388 | 69 is_l3 → 70
        Assert.Equal("01" + "ffffffff" + "00" + "c0a80001" + Zeros(12) + "00" + "c0a80002" + Zeros(12) + "12b5" + "12b5"
            + "ffffffff" + "00000007" + "00000002" + "00001388" + "01", Hex(bytes[10..]));
    }

    [Fact]
    public void Encode_VxlanTunnelV2Dump_AllTunnels()
    {
        Assert.Equal("0106" + "00000000" + "00000001" + "ffffffff", Hex(Encode(new VxlanTunnelV2Dump(), 0x0106, 0, 1)));
    }

    [Fact]
    public void Decode_VxlanTunnelV2Details_ReadsAddressesAndTables()
    {
        // 0 id | 2 context 9 | 6 sw_if_index 3 | 10 instance 0 | 14 src (17) | 31 dst (17) | 48 src_port | 50 dst_port
        // | 52 mcast_sw_if_index ~0 | 56 encap_vrf_id 0 | 60 decap_next_index 2 | 64 vni 5000 → 68
        var hex = "0107" + "00000009" + "00000003" + "00000000" + "00" + "c0a80001" + Zeros(12) + "00" + "c0a80002" + Zeros(12)
            + "12b5" + "12b5" + "ffffffff" + "00000000" + "00000002" + "00001388";

        var details = VxlanTunnelV2Details.From(Decode("vxlan_tunnel_v2_details", hex));

        Assert.Equal(new VxlanTunnelV2Details(3, 0, IPAddress.Parse("192.168.0.1"), IPAddress.Parse("192.168.0.2"), 0, 2, 5000), details);
        Assert.Equal(4789, details.DestinationPort);
    }

    [Fact]
    public void Encode_MemifCreateV2_MasterEthernetWithMac()
    {
        var request = new MemifCreate(1, 3, 2, 4) { HardwareAddress = [0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee] };

        var bytes = Encode(request, 0x0120, 0, 1);

        // 10 role 0 (master) | 14 mode 0 (ethernet) | 18 u8 rx_queues 2 | 19 u8 tx_queues 4 | 20 id 1 | 24 socket_id 3
        // | 28 ring_size 1024 | 32 u16 buffer_size 2048 | 34 no_zero_copy | 35 use_dma | 36 hw_addr[6] | 42 string secret[24] → 66
        Assert.Equal("00000000" + "00000000" + "02" + "04" + "00000001" + "00000003" + "00000400" + "0800" + "00" + "00"
            + "02aabbccddee" + Zeros(24), Hex(bytes[10..]));
    }

    [Fact]
    public void Encode_MemifDumpAndSocketFilenameDump_AreHeaderOnly()
    {
        Assert.Equal("0121" + "00000000" + "00000001", Hex(Encode(new MemifDump(), 0x0121, 0, 1)));
        Assert.Equal("0122" + "00000000" + "00000002", Hex(Encode(new MemifSocketFilenameDump(), 0x0122, 0, 2)));
    }

    [Fact]
    public void Decode_MemifDetails_ReadsRoleModeSocketAndFlags()
    {
        // 0 id | 2 context 10 | 6 sw_if_index 4 | 10 hw_addr[6] | 16 id 0 | 20 role 0 | 24 mode 0 | 28 bool zero_copy
        // | 29 socket_id 1 | 33 ring_size 1024 | 37 u16 buffer_size 2048 | 39 flags 1 (admin up) | 43 string if_name[64] → 107
        var hex = "0108" + "0000000a" + "00000004" + "02fe00000004" + "00000000" + "00000000" + "00000000" + "01" + "00000001"
            + "00000400" + "0800" + "00000001" + Ascii("memif1/0", 64);

        var details = MemifDetails.From(Decode("memif_details", hex));

        Assert.Equal((4u, 0u, 1u, 1u, "memif1/0"), (details.SwIfIndex, details.Id, details.SocketId, details.Flags, details.InterfaceName));
        Assert.Equal(("master", "ethernet"), (details.RoleName, details.ModeName));
        Assert.Equal([0x02, 0xfe, 0, 0, 0, 4], details.HardwareAddress);
    }

    [Fact]
    public void Decode_MemifSocketFilenameDetails_ReadsTheFixedPathField()
    {
        // 0 id | 2 context 11 | 6 socket_id 1 | 10 string socket_filename[108] → 118
        var hex = "0109" + "0000000b" + "00000001" + Ascii("/run/vpp/multinet/memif-a.sock", 108);

        Assert.Equal(new MemifSocketFilenameDetails(1, "/run/vpp/multinet/memif-a.sock"),
            MemifSocketFilenameDetails.From(Decode("memif_socket_filename_details", hex)));
    }

    [Fact]
    public void Encode_MemifSocketFilenameAddDelV2_AllocatesWithAllOnesAndAVariableString()
    {
        var bytes = Encode(new MemifSocketFilenameAddDelV2(true, uint.MaxValue, "/tmp/a.sock"), 0x0123, 0, 1);

        // 10 bool is_add | 11 socket_id ~0 | 15 string socket_filename[0]: u32 length 11, then the bytes
        Assert.Equal("01" + "ffffffff" + "0000000b" + Convert.ToHexStringLower(Encoding.ASCII.GetBytes("/tmp/a.sock")), Hex(bytes[10..]));
    }

    [Fact]
    public void Encode_TapCreateV3_WithThePodSidesMacNameAndTag()
    {
        var request = new TapCreateV3("mn-0123456789ab", null, "mn:default/web/eth1") { HostMacAddress = [0x02, 1, 2, 3, 4, 5] };

        var bytes = Encode(request, 0x0124, 0, 1);

        // 10 id ~0 (default) | 14 bool use_random_mac 1 | 15 mac[6] (VPP's side, random) | 21 u16 num_rx_queues 1 | 23 num_tx_queues 1
        // | 25 u16 tx_ring_sz 256 | 27 rx_ring_sz 256 | 29 host_mtu_set | 30 u32 host_mtu_size | 34 host_mac_addr_set | 35 host_mac[6]
        // | 41 ip4_prefix_set | 42 ip4_prefix (4+1) | 47 ip6_prefix_set | 48 ip6_prefix (16+1) | 65 ip4_gw_set | 66 ip4_gw[4]
        // | 70 ip6_gw_set | 71 ip6_gw[16] | 87 u32 tap_flags | 91 host_namespace_set | 92 host_namespace[64] | 156 host_if_name_set
        // | 157 host_if_name[64] | 221 host_bridge_set | 222 host_bridge[64] | 286 string tag[0]: u32 length 19 | 290 bytes → 309
        Assert.Equal("ffffffff" + "01" + Zeros(6) + "0001" + "0001" + "0100" + "0100", Hex(bytes[10..29]));
        Assert.Equal("00" + "00000000" + "01" + "020102030405", Hex(bytes[29..41]));
        Assert.Equal(Zeros(91 - 41), Hex(bytes[41..91]));
        Assert.Equal("00" + Zeros(64) + "01" + Ascii("mn-0123456789ab", 64) + "00" + Zeros(64), Hex(bytes[91..286]));
        Assert.Equal("00000013" + Convert.ToHexStringLower(Encoding.ASCII.GetBytes("mn:default/web/eth1")), Hex(bytes[286..]));
    }

    [Fact]
    public void Encode_TapDeleteV2AndTapDump()
    {
        Assert.Equal("010a" + "00000000" + "00000001" + "00000007", Hex(Encode(new TapDeleteV2(7), 0x010a, 0, 1)));
        Assert.Equal("0125" + "00000000" + "00000001" + "ffffffff", Hex(Encode(new SwInterfaceTapV2Dump(), 0x0125, 0, 1)));
    }

    [Fact]
    public void Decode_SwInterfaceTapV2Details_ReadsTheHostNameAndMac()
    {
        // 0 id | 2 context 12 | 6 sw_if_index 6 | 10 id 0 | 14 u16 tx_ring_sz | 16 rx_ring_sz | 18 host_mtu_size | 22 host_mac[6]
        // | 28 ip4_prefix (5) | 33 ip6_prefix (17) | 50 tap_flags | 54 dev_name[64] | 118 host_if_name[64] | 182 host_namespace[64]
        // | 246 host_bridge[64] → 310
        var hex = "010b" + "0000000c" + "00000006" + "00000000" + "0100" + "0100" + "00000000" + "0a5800000102" + Zeros(5) + Zeros(17) + "00000000"
            + Ascii("tap0", 64) + Ascii("mn-0123456789ab", 64) + Ascii("", 64) + Ascii("", 64);

        Assert.Equal(new SwInterfaceTapV2Details(6, 0, "tap0", "mn-0123456789ab", "") { HostMac = "0a:58:00:00:01:02" },
            SwInterfaceTapV2Details.From(Decode("sw_interface_tap_v2_details", hex)));
    }

    [Fact]
    public void Encode_IpRouteDump_SendsTheWholeTable()
    {
        // 10 ip_table_t { u32 table_id 56 | bool is_ip6 | string name[64] } → 79
        Assert.Equal("010c" + "00000000" + "00000001" + "00000038" + "00" + Zeros(64), Hex(Encode(new IpRouteDump(56, false), 0x010c, 0, 1)));
    }

    [Fact]
    public void Decode_IpRouteDetails_ReadsPrefixAndTheAttachedPath()
    {
        // 0 id | 2 context 13 | route: 6 table_id 56 | 10 stats_index | 14 prefix (af, 16-byte union, u8 len 32) | 32 u8 n_paths 1
        // | path: 33 sw_if_index 4 | 37 table_id 56 | 41 rpf_id | 45 u8 weight 1 | 46 u8 preference | 47 type 0 (normal) | 51 flags
        // | 55 proto 0 (ip4) | 59 nh { 16-byte union, via_label, obj_id, classify_table_index } | 87 u8 n_labels | 88 16 x 7 labels → 200
        var hex = "010d" + "0000000d" + "00000038" + "00000000" + "00" + "0a010105" + Zeros(12) + "20" + "01"
            + "00000004" + "00000038" + "00000000" + "01" + "00" + "00000000" + "00000000" + "00000000" + Zeros(16 + 12) + "00" + Zeros(16 * 7);

        var route = IpRouteDetails.From(Decode("ip_route_details", hex));

        Assert.Equal(56u, route.TableId);
        Assert.Equal(IPNetwork.Parse("10.1.1.5/32"), route.Prefix);
        var path = Assert.Single(route.Paths);
        Assert.Equal((4u, (IPAddress?)null, FibPath.NormalType), (path.SwIfIndex, path.NextHop, path.Type));
    }

    private const string TranslationHex =
        // vip cnat_endpoint: addr (af 0, 10.96.0.10, 12 zero) | sw_if_index ~0 | u8 if_af 0 | u16 port 80 → 24
        "00" + "0a60000a" + "000000000000000000000000" + "ffffffff" + "00" + "0050"
        // u32 id | u8 ip_proto 6 (TCP) | u8 is_real_ip | u8 flags | u8 lb_type | u32 n_paths 1 | u32 flow_hash_config
        + "{id}" + "06" + "00" + "00" + "00" + "00000001" + "00000000"
        // path tuple: dst_ep (10.1.1.5, ~0, af 0, port 8080 = 0x1f90) | src_ep (0.0.0.0, ~0, af 0, port 0) | u8 flags → 49
        + "00" + "0a010105" + "000000000000000000000000" + "ffffffff" + "00" + "1f90"
        + "00" + "00000000" + "000000000000000000000000" + "ffffffff" + "00" + "0000" + "00";

    [Fact]
    public void Encode_CnatTranslationUpdate_OneBackend()
    {
        var translation = new CnatTranslation(new CnatEndpoint(IPAddress.Parse("10.96.0.10"), 80), CnatTranslation.Tcp,
            [new CnatEndpoint(IPAddress.Parse("10.1.1.5"), 8080)]);

        var bytes = Encode(new CnatTranslationUpdate(translation), 0x010e, 0, 1);

        Assert.Equal("010e" + "00000000" + "00000001" + TranslationHex.Replace("{id}", "00000000", StringComparison.Ordinal), Hex(bytes));
        Assert.Equal(10 + 24 + 16 + 49, bytes.Length);
        Assert.Equal(5u, Decode("cnat_translation_update_reply", "010f" + "00000001" + "00000000" + "00000005").Get<uint>("id"));
    }

    [Fact]
    public void Encode_CnatTranslationDelAndDump()
    {
        Assert.Equal("0110" + "00000000" + "00000001" + "00000005", Hex(Encode(new CnatTranslationDel(5), 0x0110, 0, 1)));
        Assert.Equal("0126" + "00000000" + "00000002", Hex(Encode(new CnatTranslationDump(), 0x0126, 0, 2)));
    }

    [Fact]
    public void Decode_CnatTranslationDetails_ReadsVipProtocolAndBackends()
    {
        var message = Decode("cnat_translation_details", "0111" + "0000000e" + TranslationHex.Replace("{id}", "00000005", StringComparison.Ordinal));

        var translation = CnatTranslation.From(message.Get<IReadOnlyDictionary<string, object?>>("translation"));

        Assert.Equal(5u, translation.Id);
        Assert.Equal(new CnatEndpoint(IPAddress.Parse("10.96.0.10"), 80), translation.Vip);
        Assert.Equal(CnatTranslation.Tcp, translation.IpProto);
        Assert.Equal([new CnatEndpoint(IPAddress.Parse("10.1.1.5"), 8080)], translation.Backends);
    }

    [Theory]
    [InlineData("add_node_next_2457116d")]
    [InlineData("add_node_next_reply_2ed75f32")]
    [InlineData("sw_interface_set_flags_f5aec1b8")]
    [InlineData("sw_interface_get_table_2d033de4")]
    [InlineData("sw_interface_get_table_reply_a6eb0109")]
    [InlineData("sw_interface_tag_add_del_426f8bc1")]
    [InlineData("vxlan_tunnel_v2_dump_f9e6675e")]
    [InlineData("vxlan_tunnel_v2_details_d3bdd4d9")]
    [InlineData("memif_delete_f9e6675e")]
    [InlineData("memif_socket_filename_dump_51077d14")]
    [InlineData("memif_socket_filename_details_7ff326f7")]
    [InlineData("memif_dump_51077d14")]
    [InlineData("memif_details_da34feb9")]
    [InlineData("tap_create_v3_3f3fd1df")]
    [InlineData("tap_delete_v2_f9e6675e")]
    [InlineData("sw_interface_tap_v2_dump_f9e6675e")]
    [InlineData("sw_interface_tap_v2_details_1e2b2a47")]
    [InlineData("ip_route_dump_b9d2e09e")]
    [InlineData("ip_route_details_bda8f315")]
    [InlineData("cnat_translation_update_reply_e2fc8294")]
    [InlineData("cnat_translation_del_3a91bde5")]
    [InlineData("cnat_translation_dump_51077d14")]
    [InlineData("cnat_translation_details_1a5140b7")]
    public void Schema_DataplaneMessages_HaveTheCrcVppAdvertises(string nameCrc)
    {
        Assert.Equal(nameCrc, s_schema.GetMessage(nameCrc[..^9]).NameCrc);
    }
}
