using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// The driver against a running VPP, when <c>MULTINET_VPP_API_SOCKET</c> names its api.sock (skipped otherwise).
/// Uses table ids from 4090 up and removes what it creates.
/// </summary>
public sealed class RealVppTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VppDataplane Connect()
    {
        var socket = Environment.GetEnvironmentVariable("MULTINET_VPP_API_SOCKET");
        Assert.SkipWhen(string.IsNullOrEmpty(socket), "MULTINET_VPP_API_SOCKET is not set: no VPP to test against.");
        return new VppDataplane(socket, "multinet-tests", NullLogger<VppDataplane>.Instance);
    }

    [Fact]
    public async Task Tables_AddDumpDelete_RoundTripThroughVpp()
    {
        await using var dataplane = Connect();
        var blue = new DataplaneTable(4090, false, "multinet:real-blue");
        var green = new DataplaneTable(4091, true, "multinet:real-green");

        await dataplane.AddTableAsync(blue, Token);
        await dataplane.AddTableAsync(green, Token);
        var during = await dataplane.DumpTablesAsync(Token);
        await dataplane.DeleteTableAsync(blue, Token);
        await dataplane.DeleteTableAsync(green, Token);
        var after = await dataplane.DumpTablesAsync(Token);

        Assert.Contains(new DataplaneTable(0, false, "ipv4-VRF:0"), during);
        Assert.Contains(blue, during);
        Assert.Contains(green, during);
        Assert.DoesNotContain(after, t => t.TableId is 4090 or 4091);
    }

    [Fact]
    public async Task DeleteTable_Missing_IsIgnoredByVpp()
    {
        await using var dataplane = Connect();

        // VPP's ip_table_delete does nothing for an unknown table and ip_table_add_del_reply carries retval 0.
        await dataplane.DeleteTableAsync(new DataplaneTable(4099, false, "none"), Token);

        Assert.DoesNotContain(await dataplane.DumpTablesAsync(Token), t => t.TableId == 4099);
    }

    [Fact]
    public async Task Request_InvalidInterface_ReportsVppsErrorName()
    {
        await using var dataplane = Connect();
        var vpp = await dataplane.GetConnectionAsync(Token);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => vpp.RequestAsync(new SwInterfaceSetTable(99999, false, 0), Token));

        Assert.Equal("VNET_API_ERROR_INVALID_SW_IF_INDEX", ex.ApiError);
    }

    [Fact]
    public async Task Reconciler_CreatesTablesAndARestartInSyncIssuesNothing()
    {
        await using (var first = Connect())
        {
            var (reconciler, cache, store) = VppDataplaneReconcilerTests.Agent(first);
            using var _ = reconciler;
            cache.Replace([TestNetworks.Make("real-blue", 4093, "172.30.0.0/16"), TestNetworks.Make("real-red", 4094, "172.31.0.0/16")]);
            Assert.Equal(2, (await reconciler.ReconcileOnceAsync(Token)).Count);
            Assert.All(store.Current.Vrfs, v => Assert.Equal(VrfState.Applied, v.State));
        }

        await using var restarted = Connect();
        var (again, againCache, _) = VppDataplaneReconcilerTests.Agent(restarted);
        using var __ = again;
        againCache.Replace([TestNetworks.Make("real-red", 4094, "172.31.0.0/16"), TestNetworks.Make("real-blue", 4093, "172.30.0.0/16")]);
        var ops = await again.ReconcileOnceAsync(Token);
        againCache.Replace([]);
        var cleanup = await again.ReconcileOnceAsync(Token);

        Assert.Empty(ops);
        Assert.Equal(2, cleanup.Count);
        Assert.DoesNotContain(await restarted.DumpTablesAsync(Token), t => t.TableId is 4093 or 4094);
    }

    [Fact]
    public async Task Interfaces_TunnelMemifRouteAndFlags_AreAcceptedByVpp()
    {
        await using var dataplane = Connect();
        var vpp = await dataplane.GetConnectionAsync(Token);
        await dataplane.AddTableAsync(new DataplaneTable(4092, false, "multinet:real-red"), Token);
        try
        {
            var local0 = SwInterfaceDetails.From(Assert.Single(await vpp.DumpAsync(new SwInterfaceDump(0), Token)));
            Assert.Equal("local0", local0.InterfaceName);

            var tunnel = await vpp.RequestAsync(new VxlanAddDelTunnelV3(true, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2"), 4092, 0), Token);
            var tunnelIndex = tunnel.Get<uint>("sw_if_index");
            await vpp.RequestAsync(new SwInterfaceSetTable(tunnelIndex, false, 4092), Token);
            await vpp.RequestAsync(new SwInterfaceSetFlags(tunnelIndex, SwInterfaceSetFlags.AdminUp), Token);
            var route = new IpRouteAddDel(true, 4092, IPNetwork.Parse("172.21.1.0/24"), [new FibPath(tunnelIndex, 4092, null)]);
            await vpp.RequestAsync(route, Token);

            var socketId = (await vpp.RequestAsync(new MemifSocketFilenameAddDelV2(true, uint.MaxValue, $"/tmp/multinet-test-{Environment.ProcessId}.sock"), Token))
                .Get<uint>("socket_id");
            var memif = (await vpp.RequestAsync(new MemifCreate(1, socketId, 1, 1), Token)).Get<uint>("sw_if_index");
            var names = (await vpp.DumpAsync(new SwInterfaceDump(), Token)).Select(SwInterfaceDetails.From).ToDictionary(d => d.SwIfIndex, d => d.InterfaceName);

            await vpp.RequestAsync(route with { IsAdd = false }, Token);
            await vpp.RequestAsync(new MemifDelete(memif), Token);
            await vpp.RequestAsync(new MemifSocketFilenameAddDelV2(false, socketId, string.Empty), Token);
            await vpp.RequestAsync(new VxlanAddDelTunnelV3(false, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2"), 4092, 0), Token);

            Assert.StartsWith("vxlan_tunnel", names[tunnelIndex], StringComparison.Ordinal);
            Assert.StartsWith("memif", names[memif], StringComparison.Ordinal);
        }
        finally
        {
            await dataplane.DeleteTableAsync(new DataplaneTable(4092, false, "multinet:real-red"), Token);
        }
    }
}
