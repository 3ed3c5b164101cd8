using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.Shared.Domain.DataplaneOperation;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// The driver's probe against the fake VPP, which runs the CLI ping as VPP does: a second per request inside the API
/// process, dropping every API message that reaches it meanwhile. The agent's periodic dumps share the probe's
/// connection, so the driver sends nothing while a ping runs: a dump asked for during a probe is answered after it.
/// </summary>
public sealed class VppDataplaneProbeTests
{
    private static readonly DataplaneTable s_blue = new(56, false, "multinet:blue");
    private static readonly TunnelSpec s_tunnel = new("blue", "node-2", 56, "192.168.0.1", "192.168.0.2", 0, 56);
    private static readonly DataplaneProbe s_probe = new("blue", 56, null, IPAddress.Parse("10.10.0.12"), 2);

    /// <summary>Ceiling for a call the fix lets through; without it the dropped dump never completes.</summary>
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<VppDataplane> ConnectWithRemotePodAsync(FakeVppServer vpp)
    {
        var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        dataplane.SetUnderlay("192.168.0.1", null);
        await dataplane.ApplyAsync(new AddTable(s_blue), Token);
        await dataplane.ApplyAsync(new AddTunnel(s_tunnel), Token);
        await dataplane.ApplyAsync(new AddRoute(new RouteSpec("blue", 56, "10.10.0.12/32") { ViaTunnelKey = s_tunnel.Key, Via = "node-2" }), Token);
        return dataplane;
    }

    [Fact]
    public async Task DumpAskedForDuringAProbe_IsSentAfterThePingAnswered_NothingDropped_BothComplete()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = await ConnectWithRemotePodAsync(vpp);

        var probe = dataplane.ProbeAsync(s_probe, Token);
        await vpp.PingStarted.WaitAsync(s_ceiling, Token);
        var dump = dataplane.DumpAsync(Token);

        var result = await probe.WaitAsync(s_ceiling, Token);
        var state = await dump.WaitAsync(s_ceiling, Token);

        Assert.Empty(vpp.Dropped);
        Assert.Equal((2, 2), (result.Sent, result.Received));
        Assert.Contains("ping 10.10.0.12 table-id 56 repeat 2: Statistics: 2 sent, 2 received", result.Detail, StringComparison.Ordinal);
        Assert.Equal(s_tunnel.Key, Assert.Single(state.Tunnels).Spec.Key);
    }

    [Fact]
    public async Task ProbeGivenUpWhileVppStillPings_LaterCallsWaitForThePingsReply_NothingDropped()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = await ConnectWithRemotePodAsync(vpp);
        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var probe = dataplane.ProbeAsync(s_probe, impatient.Token);
        await vpp.PingStarted.WaitAsync(s_ceiling, Token);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);

        var tables = await dataplane.DumpTablesAsync(Token).WaitAsync(s_ceiling, Token);

        Assert.Contains(tables, t => t.TableId == 56);
        Assert.Empty(vpp.Dropped);
        Assert.Equal(1, vpp.CountOf("cli_inband")); // the uncounted request's ping: the counted one was never sent
    }

    [Fact]
    public async Task NoRouteInTheTable_IsAFailureSayingVppSentNothing()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = await ConnectWithRemotePodAsync(vpp);

        var refusal = await Assert.ThrowsAsync<Multinet.Agent.Dataplane.DataplaneException>(
            () => dataplane.ProbeAsync(s_probe with { Destination = IPAddress.Parse("10.10.0.99") }, Token));

        Assert.Contains("VPP sent no echo request (the table has no route to the address)", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(vpp.Dropped);
    }
}
