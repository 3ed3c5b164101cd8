using System.Net.NetworkInformation;
using Multinet.Shared.Ipam;

namespace Multinet.UnitTests.Shared.Ipam;

public sealed class IpamNamingTests
{
    [Theory]
    [InlineData("172.19.0.0/16", null, "172.19.0.0-16")]
    [InlineData("fd00:19::/64", null, "fd00-19---64")]
    [InlineData("10.0.0.0/24", "red", "red-10.0.0.0-24")]
    public void PoolName_IsWhereaboutsNormalizedRange(string range, string? network, string name) =>
        Assert.Equal(name, WhereaboutsPoolNames.ForRange(range, network));

    [Fact]
    public void Mac_SameSeed_SameLocallyAdministeredUnicastAddress()
    {
        var mac = MacAddresses.Derive("uid-1/eth1");

        Assert.Equal(mac, MacAddresses.Derive("uid-1/eth1"));
        Assert.NotEqual(mac, MacAddresses.Derive("uid-1/eth2"));
        Assert.Matches("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$", mac);
        var first = PhysicalAddress.Parse(mac).GetAddressBytes()[0];
        Assert.Equal(0x02, first & 0x03);
    }
}
