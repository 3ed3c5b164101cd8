using Multinet.Shared.Annotations;

namespace Multinet.UnitTests.Shared.Annotations;

public sealed class NetworkSelectionParserTests
{
    [Fact]
    public void Parse_SeedShortForm_ReadsEachAttachment()
    {
        var (selections, errors) = NetworkSelectionParser.Parse("network-blue-conf@eth1, other-ns/network-red-conf@memif-eth2");

        Assert.Empty(errors);
        Assert.Equal(2, selections.Length);
        Assert.Equal((null, "network-blue-conf", "eth1", false), (selections[0].Namespace, selections[0].Name, selections[0].Interface, selections[0].IsMemif));
        Assert.Equal(("other-ns", "network-red-conf", "memif-eth2", true), (selections[1].Namespace, selections[1].Name, selections[1].Interface, selections[1].IsMemif));
        Assert.Equal("pods/network-blue-conf", selections[0].QualifiedName("pods"));
    }

    [Fact]
    public void Parse_SameNetworkTwice_KeepsBothAttachments()
    {
        var (selections, _) = NetworkSelectionParser.Parse("net-a@eth1,net-a@eth2");

        Assert.Equal(["eth1", "eth2"], selections.Select(s => s.Interface));
    }

    [Fact]
    public void Parse_JsonForm_ReadsNamespaceInterfaceIpsAndMac()
    {
        var (selections, errors) = NetworkSelectionParser.Parse(
            """[{"name":"network-blue-conf","namespace":"x","interface":"eth1","ips":["172.19.0.10/16","fd00::10"],"mac":"02:00:00:00:00:01"}]""");

        Assert.Empty(errors);
        var selection = Assert.Single(selections);
        Assert.Equal(("x", "network-blue-conf", "eth1", "02:00:00:00:00:01"), (selection.Namespace, selection.Name, selection.Interface, selection.Mac));
        Assert.Equal(["172.19.0.10/16", "fd00::10"], selection.Ips);
    }

    [Theory]
    [InlineData("net-a@eth1,,net-b", "metadata.annotations[k8s.v1.cni.cncf.io/networks][1]", "empty entry: expected [namespace/]name[@interface].")]
    [InlineData("Net_A@eth1", "metadata.annotations[k8s.v1.cni.cncf.io/networks][0].name", "\"Net_A\": a lowercase RFC 1123 label")]
    [InlineData("net-a@this-name-is-far-too-long", "metadata.annotations[k8s.v1.cni.cncf.io/networks][0].interface", "is not an interface name: 1 to 15 characters")]
    [InlineData("""[{"name":"net-a","ips":["300.1.1.1"]}]""", "metadata.annotations[k8s.v1.cni.cncf.io/networks][0].ips", "\"300.1.1.1\" is not an IP address.")]
    [InlineData("""[{"name":5}]""", "metadata.annotations[k8s.v1.cni.cncf.io/networks][0].name", "must be a string, not number.")]
    [InlineData("""[{"name":"net-a",""", "metadata.annotations[k8s.v1.cni.cncf.io/networks]", "not valid JSON")]
    public void Parse_BadEntry_ReportsItsPathAndKeepsTheGoodOnes(string annotation, string field, string message)
    {
        var (_, errors) = NetworkSelectionParser.Parse(annotation);

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneBadEntryAmongGood_ReturnsTheGoodOnes()
    {
        var (selections, errors) = NetworkSelectionParser.Parse("net-a@eth1, Bad@eth2, net-c@memif1");

        Assert.Single(errors);
        Assert.Equal(["net-a", "net-c"], selections.Select(s => s.Name));
    }

    [Fact]
    public void Parse_DottedNadName_IsAValidObjectName()
    {
        var (selections, errors) = NetworkSelectionParser.Parse("sriov.net-a@net1");

        Assert.Empty(errors);
        Assert.Equal("sriov.net-a", Assert.Single(selections).Name);
    }
}
