using Multinet.Agent.Dataplane.Vpp;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

public sealed class VppMessageTableTests
{
    private static readonly VppApiSchema s_schema = VppApiSchema.Embedded;

    [Fact]
    public void Resolve_KnownNameAndCrc_ReturnsVppsId()
    {
        var table = new VppMessageTable(s_schema, [KeyValuePair.Create("ip_table_add_del_0ffdaec0", (ushort)812)]);

        var (definition, id) = table.Resolve("ip_table_add_del");

        Assert.Equal(812, id);
        Assert.Same(definition, table.Find(812));
    }

    [Fact]
    public void Resolve_CrcMismatch_NamesBothCrcs()
    {
        var table = new VppMessageTable(s_schema, [KeyValuePair.Create("ip_table_add_del_deadbeef", (ushort)812)]);

        var ex = Assert.Throws<VppApiException>(() => table.Resolve("ip_table_add_del"));

        Assert.Contains("CRC mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ip_table_add_del_0ffdaec0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ip_table_add_del_deadbeef", ex.Message, StringComparison.Ordinal);
        Assert.Null(table.Find(812)); // a reply with that id would not be decoded in the wrong shape either
    }

    [Fact]
    public void Resolve_MessageVppDoesNotOffer_SaysItIsMissing()
    {
        var table = new VppMessageTable(s_schema, []);

        var ex = Assert.Throws<VppApiException>(() => table.Resolve("memif_create_v2"));

        Assert.Contains("memif_create_v2_8c7de5f7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NameWithoutDefinition_FailsClearly()
    {
        var table = new VppMessageTable(s_schema, [KeyValuePair.Create("no_such_message_12345678", (ushort)3)]);

        var ex = Assert.Throws<VppApiException>(() => table.Resolve("no_such_message"));

        Assert.Contains("No definition for VPP message \"no_such_message\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteHeader_IsSixteenBytesWithTheLengthBigEndianAtEight()
    {
        var header = new byte[VppSocketFraming.HeaderSize];

        VppSocketFraming.WriteHeader(header, 80);

        Assert.Equal("0000000000000000" + "00000050" + "00000000", Convert.ToHexStringLower(header));
    }
}
