using Multinet.Shared.Ipam;

namespace Multinet.UnitTests.Shared.Ipam;

public sealed class NadIpamConfigTests
{
    [Fact]
    public void Parse_CalicoPluginList_ReadsNetworkNameAndIpamType()
    {
        var (config, error) = NadIpamConfig.Parse("""
            {"name":"network-blue","cniVersion":"0.3.0","plugins":[{"type":"calico","ipam":{"type":"whereabouts","network":"blue"},
             "dataplane_options":{"type":"grpc","network_name":"blue"}}]}
            """);

        Assert.Null(error);
        Assert.Equal(("blue", "whereabouts", (string?)null), (config!.NetworkName, config.IpamType, config.IpamRange));
    }

    [Fact]
    public void Parse_MacvlanWithWhereaboutsRange_ReadsTheRange()
    {
        var (config, _) = NadIpamConfig.Parse("""{"type":"macvlan","master":"eth0","ipam":{"type":"whereabouts","range":"192.168.2.0/24"}}""");

        Assert.Equal(((string?)null, "whereabouts", "192.168.2.0/24"), (config!.NetworkName, config.IpamType, config.IpamRange));
    }

    [Fact]
    public void Parse_BridgeWithoutIpam_HasNoAddressing()
    {
        var (config, error) = NadIpamConfig.Parse("""{"type":"bridge","bridge":"br0"}""");

        Assert.Null(error);
        Assert.Equal(new NadIpamConfig(null, null, null), config);
    }

    [Theory]
    [InlineData(null, "spec.config is empty: a CNI configuration is needed.")]
    [InlineData("[1]", "spec.config must be a JSON object.")]
    [InlineData("""{"plugins":[{"type":"calico","ipam":{"type":"whereabouts"}}]}""",
        "the calico plugin has no dataplane_options.network_name (and its ipam no range): no Network to take addresses from.")]
    [InlineData("""{"type":"macvlan","ipam":{"type":"whereabouts"}}""", "the whereabouts ipam has no range.")]
    public void Parse_Unusable_SaysWhy(string? text, string expected)
    {
        var (config, error) = NadIpamConfig.Parse(text);

        Assert.Null(config);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_NotJson_NamesTheParseError()
    {
        var (config, error) = NadIpamConfig.Parse("{ nope");

        Assert.Null(config);
        Assert.StartsWith("spec.config is not valid JSON: ", error, StringComparison.Ordinal);
    }
}
