using System.Net;
using System.Numerics;
using Multinet.Shared.Ipam;

namespace Multinet.UnitTests.Shared.Ipam;

public sealed class IpPoolAllocatorTests
{
    private static readonly IPNetwork s_range = IPNetwork.Parse("10.77.0.0/24");
    private static readonly IPAddress[] s_pool = [IPAddress.Parse("10.77.0.30"), IPAddress.Parse("10.77.0.20"), IPAddress.Parse("10.77.0.25")];

    [Fact]
    public void Allocate_ReplicasInTurn_GetThePoolInTheOrderWrittenThenExhaustion()
    {
        var taken = new HashSet<BigInteger>();
        var got = new List<string?>();
        IpamResult result;
        while ((result = IpPoolAllocator.Allocate(s_range, taken, s_pool)).Succeeded)
        {
            got.Add(result.Address!.ToString());
            Assert.True(taken.Add(result.Offset), "an offset was handed out twice");
        }

        Assert.Equal(["10.77.0.30", "10.77.0.20", "10.77.0.25"], got);
        Assert.Equal(IpamFailure.Exhausted, result.Failure);
        Assert.Equal("ip_pool exhausted: all 3 addresses (10.77.0.30, 10.77.0.20, 10.77.0.25) are allocated.", result.Error);
    }

    [Fact]
    public void Allocate_AfterARestart_SkipsWhatThePersistedPoolHolds()
    {
        // What a restarted IPAM reads back from its IPPool: the first replica's address and an unrelated pod's .25.
        var persisted = new HashSet<BigInteger> { 30, 25 };

        var result = IpPoolAllocator.Allocate(s_range, persisted, s_pool);

        Assert.Equal("10.77.0.20", result.Address!.ToString());
    }

    [Fact]
    public void Allocate_AFreedAddress_IsHandedOutAgainInPoolOrder()
    {
        var result = IpPoolAllocator.Allocate(s_range, new HashSet<BigInteger> { 20, 25 }, s_pool);

        Assert.Equal("10.77.0.30", result.Address!.ToString());
    }

    [Theory]
    [InlineData("10.78.0.1", IpamFailure.OutOfRange, "ip_pool address 10.78.0.1 is outside the range 10.77.0.0/24: nothing allocated.")]
    [InlineData("10.77.0.255", IpamFailure.OutOfRange, "ip_pool address 10.77.0.255 is the broadcast address of 10.77.0.0/24: nothing allocated.")]
    [InlineData("fd00::1", IpamFailure.OutOfRange, "ip_pool address fd00::1 is outside the range 10.77.0.0/24: nothing allocated.")]
    [InlineData("10.77.0.5", IpamFailure.Excluded, "ip_pool address 10.77.0.5 is excluded from 10.77.0.0/24 (excludeIps): nothing allocated.")]
    public void Allocate_PoolNamingAnAddressTheNetworkCannotGive_AllocatesNothing(string bad, IpamFailure failure, string message)
    {
        var (excluded, _) = ExcludedAddresses.Parse(["10.77.0.1..10.77.0.9"], s_range, "spec.excludeIps");

        var result = IpPoolAllocator.Allocate(s_range, new HashSet<BigInteger>(), [IPAddress.Parse("10.77.0.20"), IPAddress.Parse(bad)], excluded);

        Assert.False(result.Succeeded);
        Assert.Null(result.Address);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(message, result.Error);
    }

    [Fact]
    public void AddressAllocator_NeverHandsOutExcludedAddresses_AndRefusesThemAsStaticRequests()
    {
        var range = IPNetwork.Parse("10.9.0.0/29"); // .1 to .6 usable
        var (excluded, errors) = ExcludedAddresses.Parse(["10.9.0.1..10.9.0.3", "10.9.0.5"], range, "spec.excludeIps");
        var taken = new HashSet<BigInteger>();
        var got = new List<string>();
        IpamResult result;
        while ((result = AddressAllocator.Allocate(range, taken, null, excluded)).Succeeded)
        {
            got.Add(result.Address!.ToString());
            taken.Add(result.Offset);
        }

        Assert.Empty(errors);
        Assert.Equal(["10.9.0.4", "10.9.0.6"], got);
        Assert.Equal("no address available in 10.9.0.0/29: every address of 6 is allocated or excluded (4 excluded).", result.Error);
        var request = AddressAllocator.Allocate(range, new HashSet<BigInteger>(), "10.9.0.2", excluded);
        Assert.Equal(IpamFailure.Excluded, request.Failure);
        Assert.Equal("requested address 10.9.0.2 is excluded from 10.9.0.0/29 (excludeIps).", request.Error);
    }
}
