using System.Net;
using Multinet.Shared.Ipam;

namespace Multinet.UnitTests.Shared.Ipam;

public sealed class ExcludedAddressesTests
{
    private static readonly IPNetwork s_range = IPNetwork.Parse("172.19.0.0/16");

    [Fact]
    public void Parse_SingleRangeAndCidr_CountsEachAddressOnce()
    {
        var (excluded, errors) = ExcludedAddresses.Parse(["172.19.0.5", " 172.19.0.10..172.19.0.20 ", "172.19.0.16/30"], s_range, "spec.excludeIps");

        Assert.Empty(errors);
        Assert.Equal(["172.19.0.5", "172.19.0.10..172.19.0.20", "172.19.0.16/30"], excluded.Entries);
        Assert.Equal(12, (int)excluded.Count);
        Assert.True(excluded.Contains(s_range, IPAddress.Parse("172.19.0.20")));
        Assert.False(excluded.Contains(s_range, IPAddress.Parse("172.19.0.21")));
    }

    [Theory]
    [InlineData("172.19.0", "spec.excludeIps[1]", "\"172.19.0\" is not an IP address.")]
    [InlineData("10.0.0.1", "spec.excludeIps[1]", "10.0.0.1 is outside the range 172.19.0.0/16.")]
    [InlineData("172.19.0.9..172.19.0.2", "spec.excludeIps[1]", "\"172.19.0.9..172.19.0.2\": the first address 172.19.0.9 comes after the last 172.19.0.2.")]
    [InlineData("172.19.0.1..x", "spec.excludeIps[1]", "\"172.19.0.1..x\": last address: \"x\" is not an IP address.")]
    [InlineData("172.19.0.1..172.20.0.1", "spec.excludeIps[1]", "\"172.19.0.1..172.20.0.1\": last address: 172.20.0.1 is outside the range 172.19.0.0/16.")]
    [InlineData("fd00::1", "spec.excludeIps[1]", "fd00::1 is outside the range 172.19.0.0/16.")]
    [InlineData("10.0.0.0/8", "spec.excludeIps[1]", "\"10.0.0.0/8\" is not inside the range 172.19.0.0/16.")]
    [InlineData("", "spec.excludeIps[1]", "an address, a range a..b or a CIDR is needed.")]
    public void Parse_BadEntry_IsReportedAtItsIndexAndLeftOut(string bad, string field, string message)
    {
        var (excluded, errors) = ExcludedAddresses.Parse(["172.19.0.5", bad], s_range, "spec.excludeIps");

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
        Assert.Equal(["172.19.0.5"], excluded.Entries);
    }
}
