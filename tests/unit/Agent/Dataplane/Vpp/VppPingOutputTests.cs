using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>The VPP driver's probe reads the counts from the ping CLI's statistics line, and refuses output without one.</summary>
public sealed class VppPingOutputTests
{
    private const string Command = "ping 172.19.0.2 table-id 1001 repeat 3";

    [Fact]
    public void AllReplies_AreCounted()
    {
        const string output = """
            116 bytes from 172.19.0.2: icmp_seq=1 ttl=63 time=.1502 ms
            116 bytes from 172.19.0.2: icmp_seq=2 ttl=63 time=.0871 ms
            116 bytes from 172.19.0.2: icmp_seq=3 ttl=63 time=.0790 ms

            Statistics: 3 sent, 3 received, 0% packet loss

            """;

        var result = VppDataplane.ParsePing(Command, output);

        Assert.Equal((3, 3), (result.Sent, result.Received));
        Assert.Equal($"{Command}: Statistics: 3 sent, 3 received, 0% packet loss", result.Detail);
    }

    [Fact]
    public void NoReply_IsZeroReceived()
    {
        var result = VppDataplane.ParsePing(Command, "\nStatistics: 3 sent, 0 received, 100% packet loss\n");

        Assert.Equal((3, 0), (result.Sent, result.Received));
    }

    [Fact]
    public void NothingSent_NoRouteInTheTable_IsADataplaneError_NotZeroOfZero()
    {
        // What VPP printed on a real VPP for an address of the Network's range that no pod holds.
        var error = Assert.Throws<DataplaneException>(() => VppDataplane.ParsePing(Command, "\nStatistics: 0 sent, 0 received, 0% packet loss\n"));

        Assert.Equal($"{Command}: VPP sent no echo request (the table has no route to the address): Statistics: 0 sent, 0 received, 0% packet loss", error.Message);
    }

    [Fact]
    public void OutputWithoutStatistics_IsADataplaneError_QuotingIt()
    {
        var error = Assert.Throws<DataplaneException>(() => VppDataplane.ParsePing(Command, "ping: unknown input `table-id 1001 repeat 3'\n"));

        Assert.Contains("unknown input", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(Command, error.Message, StringComparison.Ordinal);
    }
}
