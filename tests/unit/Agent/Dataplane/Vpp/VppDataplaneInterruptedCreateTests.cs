using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.Shared.Domain.DataplaneOperation;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// An agent killed in the middle of a create (the fake VPP never answers one message; the agent's call is abandoned, as by
/// kill -9, with nothing rolled back) leaves a half-made object in VPP. The restarted agent's first reconcile must finish or
/// replace it: one object per plan entry, nothing untagged or down left behind.
/// </summary>
public sealed class VppDataplaneInterruptedCreateTests : IDisposable
{
    private static readonly DataplaneTable s_blue = new(56, false, "multinet:blue");
    private static readonly TunnelSpec s_tunnel = new("blue", "node-2", 56, "192.168.0.1", "192.168.0.2", 0, 56);
    private readonly string _sockets = Directory.CreateTempSubdirectory("mn-kill-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_sockets, recursive: true);

    private PodInterfaceSpec Memif => new(PodInterfaceKind.Memif, "default", "web", "memif1", "blue", 56, "10.1.1.5/32")
    {
        MemifSocket = Path.Combine(_sockets, "web.sock"),
    };

    private NodePlan Plan => new("node-1", [new VrfPlan("blue", 56, false, 56, "10.1.0.0/16", 1)], [])
    {
        Tunnels = [s_tunnel],
        Interfaces = [Memif],
        Routes = [new RouteSpec("blue", 56, "10.1.1.5/32") { ViaInterfaceTag = Memif.Tag, Via = "default/web/memif1" }],
    };

    private static VppDataplane Connect(FakeVppServer vpp)
    {
        var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        dataplane.SetUnderlay("192.168.0.1", null);
        return dataplane;
    }

    /// <summary>Applies <paramref name="operations"/> until <paramref name="message"/> is sent, then abandons the agent there.</summary>
    private static async Task KillAtAsync(FakeVppServer vpp, string message, params DataplaneOperation[] operations)
    {
        var reached = vpp.Silence(message);
        var dataplane = Connect(vpp);
        using var kill = new CancellationTokenSource();
        var applying = Task.Run(async () =>
        {
            foreach (var operation in operations)
            {
                await dataplane.ApplyAsync(operation, kill.Token);
            }
        }, Token);
        await reached.WaitAsync(TimeSpan.FromSeconds(60), Token);
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => applying);
        await dataplane.DisposeAsync();
        vpp.Unsilence(message);
    }

    private async Task<IReadOnlyList<DataplaneOperation>> RestartAndReconcileAsync(FakeVppServer vpp)
    {
        await using var restarted = Connect(vpp);
        var operations = DataplaneDiff.Compute(Plan, await restarted.DumpAsync(Token));
        foreach (var operation in operations)
        {
            await restarted.ApplyAsync(operation, Token);
        }

        Assert.Empty(DataplaneDiff.Compute(Plan, await restarted.DumpAsync(Token)));
        return operations;
    }

    private static void AssertComplete(FakeVppServer vpp)
    {
        var loopback = Assert.Single(vpp.Interfaces, i => i.IsLoopback);
        Assert.Equal(("mn:l:4:56", true), (loopback.Tag, loopback.AdminUp));
        var tunnel = Assert.Single(vpp.Interfaces, i => i.Vxlan is not null);
        var memif = Assert.Single(vpp.Interfaces, i => i.Memif is not null);
        Assert.Equal(("mn:t:blue/node-2", true, 56u, loopback.SwIfIndex), (tunnel.Tag, tunnel.AdminUp, tunnel.Ip4Table, tunnel.UnnumberedTo));
        Assert.Equal(("mn:default/web/memif1", true, 56u, loopback.SwIfIndex), (memif.Tag, memif.AdminUp, memif.Ip4Table, memif.UnnumberedTo));
        Assert.Equal(memif.Memif!.SocketId, Assert.Single(vpp.MemifSockets, s => s.Key != 0).Key); // no socket id left behind
    }

    [Fact]
    public async Task KilledBetweenMemifCreateAndTag_TheRestartedAgentRemovesTheUntaggedMemifInsteadOfAddingASecond()
    {
        await using var vpp = new FakeVppServer();
        await KillAtAsync(vpp, "sw_interface_tag_add_del", new AddTable(s_blue), new AddPodInterface(Memif));
        Assert.Equal("", Assert.Single(vpp.Interfaces, i => i.Memif is not null).Tag);

        await RestartAndReconcileAsync(vpp);

        AssertComplete(vpp);
    }

    [Fact]
    public async Task KilledBetweenMemifDeleteAndItsSocketsRelease_TheRestartedAgentReleasesTheSocketId()
    {
        // The planner's socket path: after a restart the agent knows its sockets by their directory (VPP keeps no owner for them).
        var memif = Memif with { MemifSocket = Planner.MemifSocketPath("default", "web", "memif1") };
        await using var vpp = new FakeVppServer();
        ObservedPodInterface observed;
        await using (var dataplane = Connect(vpp))
        {
            await dataplane.ApplyAsync(new AddTable(s_blue), Token);
            await dataplane.ApplyAsync(new AddPodInterface(memif), Token);
            observed = Assert.Single((await dataplane.DumpAsync(Token)).Interfaces);
        }

        await KillAtAsync(vpp, "memif_socket_filename_add_del_v2", new DeletePodInterface(observed));
        Assert.DoesNotContain(vpp.Interfaces, i => i.Memif is not null);
        Assert.Contains(vpp.MemifSockets, s => s.Value == memif.MemifSocket); // the pod is gone, its socket id is not

        await using var restarted = Connect(vpp);
        Assert.Empty(DataplaneDiff.Compute(new NodePlan("node-1", [new VrfPlan("blue", 56, false, 56, "10.1.0.0/16", 1)], []), await restarted.DumpAsync(Token)));

        Assert.DoesNotContain(vpp.MemifSockets, s => s.Value == memif.MemifSocket);
    }

    [Fact]
    public async Task KilledBetweenTunnelCreateAndTag_TheRestartedAgentTakesOverTheUntaggedTunnel()
    {
        await using var vpp = new FakeVppServer();
        await KillAtAsync(vpp, "sw_interface_tag_add_del", new AddTable(s_blue), new AddTunnel(s_tunnel));
        var orphan = Assert.Single(vpp.Interfaces, i => i.Vxlan is not null);

        await RestartAndReconcileAsync(vpp);

        AssertComplete(vpp);
        Assert.Equal(orphan.SwIfIndex, vpp.Interfaces.Single(i => i.Vxlan is not null).SwIfIndex);
    }

    [Fact]
    public async Task KilledBeforeAnythingWasUp_TheRestartedAgentFinishesTheLoopbackAndReplacesTheHalfMadeMemif()
    {
        await using var vpp = new FakeVppServer();
        await KillAtAsync(vpp, "sw_interface_set_flags", new AddTable(s_blue), new AddPodInterface(Memif)); // the loopback's up, before the memif's
        Assert.False(vpp.Interfaces.Single(i => i.Memif is not null).AdminUp);

        var operations = await RestartAndReconcileAsync(vpp);

        Assert.Contains(operations, op => op is DeletePodInterface);
        AssertComplete(vpp);
    }

    [Fact]
    public async Task UntaggedLoopbackWithTheVrfsMac_IsTakenOverOrRemovedWithItsTable()
    {
        await using var vpp = new FakeVppServer();
        FakeVppServer.FakeInterface? orphan = null;
        vpp.Modify(m => orphan = m.AddInterface(i => new FakeVppServer.FakeInterface(i, "loop9") { IsLoopback = true, HasCarrier = true, Mac = VppTags.LoopbackMac(56, false) }));
        await using (var dataplane = Connect(vpp))
        {
            await dataplane.ApplyAsync(new AddTable(s_blue), Token);
        }

        await RestartAndReconcileAsync(vpp);

        AssertComplete(vpp);
        Assert.Equal(orphan!.SwIfIndex, vpp.Interfaces.Single(i => i.IsLoopback).SwIfIndex);

        vpp.Modify(m => m.AddInterface(i => new FakeVppServer.FakeInterface(i, "loop10") { IsLoopback = true, HasCarrier = true, Mac = VppTags.LoopbackMac(56, false) }));
        await using var again = Connect(vpp);
        foreach (var operation in DataplaneDiff.Compute(new NodePlan("node-1", [], []), await again.DumpAsync(Token)))
        {
            await again.ApplyAsync(operation, Token);
        }

        Assert.DoesNotContain(vpp.Interfaces, i => i.IsLoopback || i.Vxlan is not null || i.Memif is not null);
    }
}
