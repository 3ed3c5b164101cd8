using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.Shared.Domain.DataplaneOperation;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>Counters from the stats segment (the fake lays it out as VPP does and hands its descriptor over the stats socket).</summary>
public sealed class VppDataplaneCountersTests
{
    private static readonly DataplaneTable s_blue = new(56, false, "multinet:blue");
    private static readonly TunnelSpec s_tunnel = new("blue", "node-2", 56, "192.168.0.1", "192.168.0.2", 0, 56);
    private static readonly PodInterfaceSpec s_tap = new(PodInterfaceKind.Tap, "default", "db", "eth1", "blue", 56, "10.1.1.6/32");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dump_ReadsTunnelAndPodCountersFromTheStatsSegment_SummedOverThreads_AndSeesThemMove()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        await dataplane.ApplyAsync(new AddTable(s_blue), Token);
        await dataplane.ApplyAsync(new AddTunnel(s_tunnel), Token);
        await dataplane.ApplyAsync(new AddPodInterface(s_tap), Token);
        var tunnel = vpp.Interfaces.Single(i => i.Vxlan is not null).SwIfIndex;
        var tap = vpp.Interfaces.Single(i => i.Tap is not null).SwIfIndex;
        vpp.Stats!.Set(tunnel, new InterfaceCounters(11, 21, 1100, 2100, 0));
        vpp.Stats.Set(tap, new InterfaceCounters(5, 7, 500, 700, 3));

        var first = await dataplane.DumpAsync(Token);
        vpp.Stats.Set(tunnel, new InterfaceCounters(111, 121, 11100, 12100, 0));
        var second = await dataplane.DumpAsync(Token);

        Assert.Null(first.CountersError);
        Assert.Equal(new InterfaceCounters(11, 21, 1100, 2100, 0), Assert.Single(first.Tunnels).Counters);
        Assert.Equal(new InterfaceCounters(5, 7, 500, 700, 3), Assert.Single(first.Interfaces).Counters);
        Assert.Equal(new InterfaceCounters(111, 121, 11100, 12100, 0), Assert.Single(second.Tunnels).Counters);
    }

    [Fact]
    public async Task Dump_NoStatsSocket_ReportsWhyCountersAreUnknown()
    {
        await using var vpp = new FakeVppServer(withoutStats: true);
        await using var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        await dataplane.ApplyAsync(new AddTable(s_blue), Token);

        var state = await dataplane.DumpAsync(Token);

        Assert.Contains("stats.sock", state.CountersError, StringComparison.Ordinal);
        Assert.Contains(s_blue, state.Tables);
    }
}
