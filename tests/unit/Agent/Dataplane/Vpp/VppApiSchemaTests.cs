using Multinet.Agent.Dataplane.Vpp;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

public sealed class VppApiSchemaTests
{
    private static VppField Field(string message, string field) =>
        VppApiSchema.Embedded.GetMessage(message).Fields.Single(f => f.Name == field);

    [Theory]
    [InlineData("ip_route_add_del", "route", null)] // n_paths × fib_path: no fixed size
    [InlineData("ip_table_add_del", "table", 69)]
    [InlineData("vxlan_add_del_tunnel_v3", "src_address", 17)]
    [InlineData("sw_interface_set_flags", "flags", 4)]
    [InlineData("sw_interface_set_table", "sw_if_index", 4)]
    public void Types_ResolveToTheirWireSizes(string message, string field, int? expected)
    {
        Assert.Equal(expected, Field(message, field).Type!.FixedSize);
    }

    [Fact]
    public void FibPath_IsPackedWithSixteenLabelEntries()
    {
        var paths = Field("ip_route_add_del", "route").Type!.Fields.Single(f => f.Name == "paths");
        var labels = paths.Type!.Fields.Single(f => f.Name == "label_stack");

        Assert.Equal("n_paths", paths.LengthField);
        Assert.Equal(167, paths.Type.FixedSize);
        Assert.Equal(16, labels.Length);
        Assert.Equal(7, labels.Type!.FixedSize);
    }

    [Fact]
    public void Aliases_AndEnums_TakeTheirUnderlyingTypes()
    {
        Assert.Equal(VppScalar.U32, Field("sw_interface_set_flags", "sw_if_index").Type!.Scalar); // interface_index = u32
        Assert.Equal(VppTypeKind.FixedArray, Field("tap_create_v3", "host_ip4_gw").Type!.Kind); // ip4_address = u8[4]
        Assert.Equal(6, Field("tap_create_v3", "mac_address").Type!.FixedSize); // mac_address = u8[6]
        Assert.Equal(VppScalar.U32, Field("memif_create_v2", "role").Type!.Scalar); // memif_role: enumtype u32
        Assert.Equal(VppScalar.U8, Field("vxlan_add_del_tunnel_v3", "src_address").Type!.Fields[0].Type!.Scalar); // address_family: u8
        Assert.Equal(VppTypeKind.Union, Field("vxlan_add_del_tunnel_v3", "src_address").Type!.Fields[1].Type!.Kind);
    }

    [Fact]
    public void Defaults_FromTheDefinitions_AreKept()
    {
        Assert.Equal(4294967295L, Field("sw_interface_dump", "sw_if_index").Default);
        Assert.Equal(true, Field("ip_table_add_del", "is_add").Default);
        Assert.True(Field("sw_interface_dump", "name_filter").IsVariableString);
    }
}
