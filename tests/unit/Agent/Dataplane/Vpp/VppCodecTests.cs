using System.Net;
using System.Text;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>Byte vectors worked out by hand from the .api.json definitions (fields in order, packed, big-endian).</summary>
public sealed class VppCodecTests
{
    private static readonly VppApiSchema s_schema = VppApiSchema.Embedded;

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string Ascii(string text, int size) => Convert.ToHexStringLower(Encoding.ASCII.GetBytes(text)) + new string('0', 2 * (size - text.Length));

    private static Dictionary<string, object?> WithHeader(IReadOnlyDictionary<string, object?> fields, uint clientIndex, uint context) =>
        new(fields) { ["client_index"] = clientIndex, ["context"] = context };

    [Fact]
    public void Encode_IpTableAddDelBlue_MatchesHandWorkedBytes()
    {
        var request = new IpTableAddDel(true, new IpTable(56, false, "multinet:blue"));

        var bytes = VppCodec.Encode(s_schema.GetMessage("ip_table_add_del"), 0x0abc, WithHeader(request.ToFields(), 1, 0x01020304));

        // u16 _vl_msg_id | u32 client_index | u32 context | bool is_add | ip_table_t { u32 table_id | bool is_ip6 | string name[64] }
        var expected = "0abc" + "00000001" + "01020304" + "01" + "00000038" + "00" + Ascii("multinet:blue", 64);
        Assert.Equal(80, bytes.Length);
        Assert.Equal(expected, Hex(bytes));
    }

    [Fact]
    public void Encode_IpTableAddDelDelete_ClearsIsAdd()
    {
        var request = new IpTableAddDel(false, new IpTable(88, true, "multinet:red"));

        var bytes = VppCodec.Encode(s_schema.GetMessage("ip_table_add_del"), 7, WithHeader(request.ToFields(), 0, 9));

        Assert.Equal("0007" + "00000000" + "00000009" + "00" + "00000058" + "01" + Ascii("multinet:red", 64), Hex(bytes));
    }

    [Fact]
    public void Decode_IpTableDetails_ReadsTheTable()
    {
        // u16 _vl_msg_id | u32 context | ip_table_t
        var bytes = Convert.FromHexString("0123" + "0000002a" + "00000058" + "01" + Ascii("multinet:red", 64));

        var message = VppCodec.Decode(s_schema.GetMessage("ip_table_details"), bytes);

        Assert.Equal(42u, message.Context);
        Assert.Equal(new IpTable(88, true, "multinet:red"), IpTableDetails.From(message).Table);
    }

    [Fact]
    public void Decode_SockclntCreateReply_ReadsTheMessageTable()
    {
        // u16 id 16 | u32 client_index | u32 context | i32 response | u32 index | u16 count | count x { u16 index | string name[64] }
        var bytes = Convert.FromHexString("0010" + "00000000" + "0000007b" + "00000000" + "00000003" + "0002"
            + "0017" + Ascii("control_ping_51077d14", 64) + "01f4" + Ascii("ip_table_add_del_0ffdaec0", 64));

        var reply = SockclntCreateReply.From(VppCodec.Decode(s_schema.GetMessage("sockclnt_create_reply"), bytes));

        Assert.Equal(0, reply.Response);
        Assert.Equal(3u, reply.Index);
        Assert.Equal(new Dictionary<string, ushort> { ["control_ping_51077d14"] = 23, ["ip_table_add_del_0ffdaec0"] = 500 }, reply.MessageTable);
    }

    [Fact]
    public void Encode_SockclntCreateReply_RoundTripsAndFillsTheCount()
    {
        var reply = new SockclntCreateReply(0, 5, new Dictionary<string, ushort> { ["a_00000001"] = 1, ["b_00000002"] = 2, ["c_00000003"] = 3 });
        var definition = s_schema.GetMessage("sockclnt_create_reply");

        var bytes = VppCodec.Encode(definition, 16, reply.ToFields(1));

        Assert.Equal(20 + (3 * 66), bytes.Length);
        Assert.Equal("0003", Hex(bytes[18..20]));
        Assert.Equal(reply.MessageTable, SockclntCreateReply.From(VppCodec.Decode(definition, bytes)).MessageTable);
    }

    [Fact]
    public void Encode_IpRouteAddDelOnePath_SendsAllSixteenLabels()
    {
        var request = new IpRouteAddDel(true, 56, IPNetwork.Parse("10.1.1.5/32"), [new FibPath(3, 56, IPAddress.Parse("10.1.1.5"))]);

        var bytes = VppCodec.Encode(s_schema.GetMessage("ip_route_add_del"), 1, WithHeader(request.ToFields(), 0, 1));

        // 12 header+flags | route: table_id 4, stats_index 4, prefix 18 (af 1 + union 16 + len 1), n_paths 1 | one fib_path:
        // 4+4+4 +1+1 + 4+4+4 (type, flags, proto: u32 enums) + nh 28 (union 16 + 3 x u32) + n_labels 1 + 16 labels x 7 = 167
        Assert.Equal(12 + 27 + 167, bytes.Length);
        Assert.Equal("00000038" + "00000000" + "00" + "0a010105" + new string('0', 24) + "20" + "01", Hex(bytes[12..39]));
        Assert.Equal("00000003" + "00000038", Hex(bytes[39..47]));
        Assert.Equal("01" + "00" + "00000000" + "00000000" + "00000000", Hex(bytes[51..65])); // weight, preference, type, flags, proto
        Assert.Equal("0a010105", Hex(bytes[65..69])); // nh.address (union), then via_label, obj_id, classify_table_index
        Assert.All(bytes[(65 + 28)..], b => Assert.Equal(0, b)); // n_labels then 16 x 7 bytes of label stack, all zero
        Assert.Equal(65 + 28 + 1 + 112, bytes.Length);
    }

    [Fact]
    public void Encode_SwInterfaceDump_UsesDefaultsAndAVariableString()
    {
        var bytes = VppCodec.Encode(s_schema.GetMessage("sw_interface_dump"), 2, WithHeader(new SwInterfaceDump(NameFilter: "tap0").ToFields(), 0, 1));

        // sw_if_index ~0 | name_filter_valid | vl_api_string_t { u32 length | bytes }
        Assert.Equal("0002" + "00000000" + "00000001" + "ffffffff" + "01" + "00000004" + "74617030", Hex(bytes));
    }

    [Fact]
    public void Encode_VxlanTunnelV3_PacksAddressesAsSeventeenBytes()
    {
        var request = new VxlanAddDelTunnelV3(true, IPAddress.Parse("192.168.0.1"), IPAddress.Parse("192.168.0.2"), 5000, 0);

        var bytes = VppCodec.Encode(s_schema.GetMessage("vxlan_add_del_tunnel_v3"), 3, WithHeader(request.ToFields(), 0, 1));

        Assert.Equal(70, bytes.Length);
        Assert.Equal("01" + "ffffffff" + "00" + "c0a80001" + new string('0', 24) + "00" + "c0a80002" + new string('0', 24) + "12b5" + "12b5"
            + "ffffffff" + "00000000" + "ffffffff" + "00001388" + "00", Hex(bytes[10..]));
    }

    [Fact]
    public void Encode_NameLongerThanTheField_FailsClearly()
    {
        var request = new IpTableAddDel(true, new IpTable(1, false, new string('x', 64)));

        var ex = Assert.Throws<VppApiException>(() => VppCodec.Encode(s_schema.GetMessage("ip_table_add_del"), 1, request.ToFields()));

        Assert.Contains("ip_table_add_del.table.name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedMessage_FailsNamingTheField()
    {
        var ex = Assert.Throws<VppApiException>(() => VppCodec.Decode(s_schema.GetMessage("ip_table_details"), new byte[20]));

        Assert.Contains("ip_table_details.table.name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sockclnt_create_455fb9c4")]
    [InlineData("control_ping_51077d14")]
    [InlineData("ip_table_add_del_0ffdaec0")]
    [InlineData("ip_table_dump_51077d14")]
    [InlineData("ip_route_add_del_b8ecfe0d")]
    [InlineData("sw_interface_dump_aa610c27")]
    [InlineData("sw_interface_details_6c221fc7")]
    [InlineData("sw_interface_set_table_df42a577")]
    [InlineData("vxlan_add_del_tunnel_v3_0072b037")]
    [InlineData("memif_socket_filename_add_del_v2_34223bdf")]
    [InlineData("memif_create_v2_8c7de5f7")]
    [InlineData("cnat_translation_update_f8d40bc5")]
    public void Schema_MessagesTheAgentUses_HaveTheDocumentedCrc(string nameCrc)
    {
        var name = nameCrc[..^9];

        Assert.Equal(nameCrc, s_schema.GetMessage(name).NameCrc);
    }
}
