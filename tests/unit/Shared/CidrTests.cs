using Multinet.Shared.Validation;

namespace Multinet.UnitTests.Shared;

/// <summary>The one CIDR parser behind Network validation and the IPAM pools.</summary>
public sealed class CidrTests
{
    [Theory]
    [InlineData("172.19.0.0/16", CidrProblem.None, "172.19.0.0/16")]
    [InlineData("fd00:19::/64", CidrProblem.None, "fd00:19::/64")]
    [InlineData("0.0.0.0/0", CidrProblem.None, "0.0.0.0/0")]
    [InlineData("172.19.3.4/16", CidrProblem.HostBitsSet, "172.19.0.0/16")]
    [InlineData("fd00:19::1/64", CidrProblem.HostBitsSet, "fd00:19::/64")]
    [InlineData(" ", CidrProblem.Missing, null)]
    [InlineData("172.19.0.0", CidrProblem.NoPrefix, null)]
    [InlineData("blue/16", CidrProblem.BadAddress, null)]
    [InlineData("172.19.0.0/-1", CidrProblem.BadPrefix, null)]
    [InlineData("fd00::/129", CidrProblem.BadPrefix, null)]
    public void Parse_SaysWhatIsWrong_AndGivesTheRangeWithHostBitsCleared(string text, CidrProblem problem, string? range)
    {
        Assert.Equal(problem, Cidr.Parse(text, out var network, out var error));

        Assert.Equal(range, range is null ? null : network.ToString());
        Assert.Equal(problem == CidrProblem.None, error is null);
    }
}
