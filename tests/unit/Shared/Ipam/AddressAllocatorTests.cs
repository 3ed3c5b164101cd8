using System.Net;
using System.Numerics;
using Multinet.Shared.Ipam;

namespace Multinet.UnitTests.Shared.Ipam;

public sealed class AddressAllocatorTests
{
    private static IPNetwork Range(string cidr)
    {
        Assert.True(AddressAllocator.TryParseRange(cidr, out var range, out var error), error);
        return range;
    }

    [Fact]
    public void Allocate_EmptyIpv4Range_SkipsTheNetworkAddress()
    {
        var result = AddressAllocator.Allocate(Range("172.19.0.0/16"), new HashSet<BigInteger>());

        Assert.True(result.Succeeded);
        Assert.Equal(IPAddress.Parse("172.19.0.1"), result.Address);
        Assert.Equal(BigInteger.One, result.Offset);
    }

    [Fact]
    public void Allocate_Repeatedly_NeverHandsOutAnAddressTwice()
    {
        var range = Range("10.1.0.0/24");
        var taken = new HashSet<BigInteger>();
        var addresses = new List<IPAddress>();
        for (var i = 0; i < 254; i++)
        {
            var result = AddressAllocator.Allocate(range, taken);
            Assert.True(result.Succeeded, result.Error);
            taken.Add(result.Offset);
            addresses.Add(result.Address!);
        }

        Assert.Equal(254, addresses.Distinct().Count());
        Assert.DoesNotContain(IPAddress.Parse("10.1.0.0"), addresses);
        Assert.DoesNotContain(IPAddress.Parse("10.1.0.255"), addresses);
    }

    [Fact]
    public void Allocate_FreedOffset_IsTheNextHandedOut()
    {
        var result = AddressAllocator.Allocate(Range("10.1.0.0/24"), new HashSet<BigInteger> { 1, 3 });

        Assert.Equal(IPAddress.Parse("10.1.0.2"), result.Address);
    }

    [Fact]
    public void Allocate_OverlappingRangesWithTheirOwnAllocations_AreIndependent()
    {
        var blueTaken = new HashSet<BigInteger> { 1, 2 };
        var redTaken = new HashSet<BigInteger>();

        var blue = AddressAllocator.Allocate(Range("10.9.0.0/16"), blueTaken);
        var red = AddressAllocator.Allocate(Range("10.9.0.0/24"), redTaken);

        Assert.Equal(IPAddress.Parse("10.9.0.3"), blue.Address);
        Assert.Equal(IPAddress.Parse("10.9.0.1"), red.Address);
    }

    [Fact]
    public void Allocate_StaticRequestFree_IsHonoured()
    {
        var result = AddressAllocator.Allocate(Range("172.19.0.0/16"), new HashSet<BigInteger> { 1 }, "172.19.3.7/16");

        Assert.True(result.Succeeded);
        Assert.Equal(IPAddress.Parse("172.19.3.7"), result.Address);
        Assert.Equal(new BigInteger((3 * 256) + 7), result.Offset);
    }

    [Fact]
    public void Allocate_StaticRequestTaken_FailsAsTaken()
    {
        var result = AddressAllocator.Allocate(Range("172.19.0.0/16"), new HashSet<BigInteger> { 5 }, "172.19.0.5");

        Assert.Equal(IpamFailure.Taken, result.Failure);
        Assert.Equal("requested address 172.19.0.5 is already allocated in 172.19.0.0/16.", result.Error);
    }

    [Theory]
    [InlineData("172.20.0.5", "requested address 172.20.0.5 is outside the range 172.19.0.0/16.")]
    [InlineData("fd00::5", "requested address fd00::5 is outside the range 172.19.0.0/16.")]
    [InlineData("172.19.0.0", "requested address 172.19.0.0 is the network address of 172.19.0.0/16 and cannot be assigned.")]
    [InlineData("172.19.255.255", "requested address 172.19.255.255 is the broadcast address of 172.19.0.0/16 and cannot be assigned.")]
    public void Allocate_StaticRequestNotAssignable_FailsAsOutOfRange(string requested, string error)
    {
        var result = AddressAllocator.Allocate(Range("172.19.0.0/16"), new HashSet<BigInteger>(), requested);

        Assert.Equal(IpamFailure.OutOfRange, result.Failure);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Allocate_StaticRequestNotAnAddress_FailsAsInvalidRequest()
    {
        var result = AddressAllocator.Allocate(Range("172.19.0.0/16"), new HashSet<BigInteger>(), "172.19.x.1");

        Assert.Equal(IpamFailure.InvalidRequest, result.Failure);
    }

    [Fact]
    public void Allocate_RangeFull_FailsAsExhaustedNamingTheCapacity()
    {
        var range = Range("10.2.0.0/30");

        var result = AddressAllocator.Allocate(range, new HashSet<BigInteger> { 1, 2 });

        Assert.Equal(IpamFailure.Exhausted, result.Failure);
        Assert.Equal("no address available in 10.2.0.0/30: all 2 addresses are allocated.", result.Error);
    }

    [Theory]
    [InlineData("10.3.0.0/31", 2)]
    [InlineData("10.3.0.7/32", 1)]
    [InlineData("10.3.0.0/24", 254)]
    [InlineData("fd00::/120", 255)]
    [InlineData("fd00::/127", 2)]
    [InlineData("fd00::1/128", 1)]
    public void Capacity_CountsOnlyAssignableAddresses(string cidr, int capacity) =>
        Assert.Equal(new BigInteger(capacity), AddressAllocator.Capacity(Range(cidr)));

    [Fact]
    public void Capacity_Ipv6Slash64_IsTwoToTheSixtyFourLessTheAnycastAddress() =>
        Assert.Equal((BigInteger.One << 64) - 1, AddressAllocator.Capacity(Range("fd00:19::/64")));

    [Theory]
    [InlineData("fd00::/127", "fd00::", "fd00::1")]
    [InlineData("fd00::1/128", "fd00::1", "fd00::1")]
    [InlineData("10.3.0.0/31", "10.3.0.0", "10.3.0.1")]
    public void Allocate_PointToPointAndHostRanges_HandOutEveryAddress(string cidr, string first, string last)
    {
        var range = Range(cidr);

        var one = AddressAllocator.Allocate(range, new HashSet<BigInteger>());
        var all = new HashSet<BigInteger>();
        while (AddressAllocator.Allocate(range, all) is { Address: not null } next)
        {
            all.Add(next.Offset);
        }

        Assert.Equal(first, one.Address!.ToString());
        Assert.Equal(last, AddressAllocator.AddressAt(range, all.Max()).ToString());
        Assert.Equal(AddressAllocator.Capacity(range), all.Count);
    }

    [Theory]
    [InlineData("172.19.0.0/16", 65534)]
    [InlineData("banana", 0)]
    [InlineData(null, 0)]
    public void CapacityOf_ASpecsRange_IsTheAllocatorsCapacityOrZero(string? cidr, long capacity) =>
        Assert.Equal(new BigInteger(capacity), AddressAllocator.CapacityOf(cidr));

    [Fact]
    public void Allocate_Ipv6_SkipsTheSubnetRouterAnycastAndHandsOutTheLastAddress()
    {
        var range = Range("fd00:19::/126");
        var taken = new HashSet<BigInteger>();
        var addresses = new List<string>();
        while (AddressAllocator.Allocate(range, taken) is { Succeeded: true } result)
        {
            taken.Add(result.Offset);
            addresses.Add(result.Address!.ToString());
        }

        Assert.Equal(["fd00:19::1", "fd00:19::2", "fd00:19::3"], addresses);
    }

    [Fact]
    public void Allocate_LargeIpv6Range_StaticRequestAtAHighOffset()
    {
        var range = Range("fd00:19::/64");

        var result = AddressAllocator.Allocate(range, new HashSet<BigInteger>(), "fd00:19::ffff:ffff:ffff:fffe");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(BigInteger.Parse("18446744073709551614", System.Globalization.CultureInfo.InvariantCulture), result.Offset);
        Assert.Equal(IPAddress.Parse("fd00:19::ffff:ffff:ffff:fffe"), AddressAllocator.AddressAt(range, result.Offset));
    }

    [Fact]
    public void TryParseRange_HostBitsSet_AreCleared()
    {
        Assert.Equal("172.19.0.0/16", Range("172.19.3.4/16").ToString());
    }

    [Theory]
    [InlineData(null, "no range: a CIDR such as 172.19.0.0/16 is needed.")]
    [InlineData("172.19.0.0", "\"172.19.0.0\" is not a CIDR such as 172.19.0.0/16 or fd00:19::/64.")]
    [InlineData("172.19.0.0/33", "\"172.19.0.0/33\" is not a CIDR such as 172.19.0.0/16 or fd00:19::/64.")]
    [InlineData("blue/16", "\"blue/16\" is not a CIDR such as 172.19.0.0/16 or fd00:19::/64.")]
    public void TryParseRange_NotACidr_SaysWhy(string? cidr, string error)
    {
        Assert.False(AddressAllocator.TryParseRange(cidr, out _, out var message));
        Assert.Equal(error, message);
    }
}
