using Multinet.Shared.Domain;

namespace Multinet.UnitTests.Shared.Domain;

/// <summary>What a policy rule's fields may hold, as Calico accepts them.</summary>
public sealed class PolicyRuleSyntaxTests
{
    [Theory]
    [InlineData("80", true)]
    [InlineData("65535", true)]
    [InlineData("8000:8080", true)]
    [InlineData("8080:8080", true)]
    [InlineData("http", true)]
    [InlineData("dns-tcp", true)]
    [InlineData("0", false)]
    [InlineData("65536", false)]
    [InlineData("8080:8000", false)]
    [InlineData(":80", false)]
    [InlineData("-http", false)]
    [InlineData("HTTP", false)]
    [InlineData("a-very-long-port-name", false)]
    [InlineData("", false)]
    public void IsPort_NumbersRangesAndNamedPorts(string port, bool valid) => Assert.Equal(valid, PolicyRuleSyntax.IsPort(port));

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.1.2.3/24", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("fd00::/64", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("fd00::/129", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("blue", false)]
    public void IsNet_CidrsAndAddresses(string net, bool valid) => Assert.Equal(valid, PolicyRuleSyntax.IsNet(net));

    [Theory]
    [InlineData(null, true)]
    [InlineData("TCP", true)]
    [InlineData("icmpv6", true)]
    [InlineData("58", true)]
    [InlineData("0", false)]
    [InlineData("256", false)]
    [InlineData("TCPX", false)]
    public void IsProtocol_NamesNumbersOrAny(string? protocol, bool valid) => Assert.Equal(valid, PolicyRuleSyntax.IsProtocol(protocol));

    [Fact]
    public void Problem_ValidRule_IsNull() =>
        Assert.Null(PolicyRuleSyntax.Problem("r", "egress", "Deny", "UDP", ["10.0.0.0/8"], ["53", "dns"]));
}
