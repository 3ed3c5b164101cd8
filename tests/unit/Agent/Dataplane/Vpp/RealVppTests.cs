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
[Collection(nameof(RealVppCollection))]
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

    [Fact]
    public async Task Operations_TunnelMemifAndRoutes_AddDumpRestartDeleteThroughVpp()
    {
        var table = new DataplaneTable(4095, false, "multinet:real-ops");
        var tunnel = new TunnelSpec("real-ops", "peer-node", 4095, "192.0.2.1", "192.0.2.2", 0, 4095);
        var memif = new PodInterfaceSpec(PodInterfaceKind.Memif, "real", "web", "memif-eth1", "real-ops", 4095, "172.29.0.5/32")
        {
            MemifSocket = $"/tmp/multinet-real-{Environment.ProcessId}.sock",
        };
        var local = new RouteSpec("real-ops", 4095, "172.29.0.5/32") { ViaInterfaceTag = memif.Tag, Via = "real/web/memif-eth1" };
        var remote = new RouteSpec("real-ops", 4095, "172.29.1.7/32") { ViaTunnelKey = tunnel.Key, Via = "peer-node" };
        await using var dataplane = Connect();
        await dataplane.ApplyAsync(new DataplaneOperation.AddTable(table), Token);
        try
        {
            foreach (var op in new DataplaneOperation[]
            {
                new DataplaneOperation.AddTunnel(tunnel), new DataplaneOperation.AddPodInterface(memif),
                new DataplaneOperation.AddRoute(local), new DataplaneOperation.AddRoute(remote),
            })
            {
                await dataplane.ApplyAsync(op, Token);
            }

            var state = await dataplane.DumpAsync(Token);
            await using (var restarted = Connect())
            {
                var again = await restarted.DumpAsync(Token);
                Assert.Equal(state.Tunnels, again.Tunnels);
                Assert.Equal(state.Interfaces.Select(i => (i.Spec.Tag, i.Spec.Kind, i.Spec.TableId, i.SwIfIndex)),
                    again.Interfaces.Select(i => (i.Spec.Tag, i.Spec.Kind, i.Spec.TableId, i.SwIfIndex)));
                Assert.Equal(state.Routes.OrderBy(r => r.Prefix, StringComparer.Ordinal), again.Routes.OrderBy(r => r.Prefix, StringComparer.Ordinal));
            }

            var observedTunnel = Assert.Single(state.Tunnels, t => t.Spec.Network == "real-ops");
            Assert.Equal(tunnel, observedTunnel.Spec);
            Assert.True(observedTunnel.Up);
            var observedMemif = Assert.Single(state.Interfaces, i => i.Spec.Tag == memif.Tag);
            Assert.Equal(memif, observedMemif.Spec);
            Assert.Equal(("master", "ethernet", true), (observedMemif.Role, observedMemif.Mode, observedMemif.AdminUp));
            Assert.Equal([local, remote], state.Routes.Where(r => r.TableId == 4095).OrderBy(r => r.Prefix, StringComparer.Ordinal));

            await dataplane.ApplyAsync(new DataplaneOperation.DeleteRoute(local), Token);
            await dataplane.ApplyAsync(new DataplaneOperation.DeleteRoute(remote), Token);
            await dataplane.ApplyAsync(new DataplaneOperation.DeletePodInterface(observedMemif), Token);
            await dataplane.ApplyAsync(new DataplaneOperation.DeleteTunnel(observedTunnel), Token);
            var after = await dataplane.DumpAsync(Token);
            Assert.DoesNotContain(after.Routes, r => r.TableId == 4095);
            Assert.DoesNotContain(after.Interfaces, i => i.Spec.Tag == memif.Tag);
            Assert.DoesNotContain(after.Tunnels, t => t.Spec.Key == tunnel.Key);
        }
        finally
        {
            await CleanUpAsync(dataplane, table);
        }
    }

    [Fact]
    public async Task Operations_Tap_AddDumpDeleteThroughVpp()
    {
        var table = new DataplaneTable(4096, false, "multinet:real-tap");
        var tap = new PodInterfaceSpec(PodInterfaceKind.Tap, "real", "db", "eth1", "real-tap", 4096, "172.28.0.6/32");
        await using var dataplane = Connect();
        var vpp = await dataplane.GetConnectionAsync(Token);
        Assert.SkipUnless(vpp.MessageTable.Offers("tap_create_v3"), "This VPP has no tap plugin loaded.");
        Assert.SkipUnless(File.Exists("/dev/vhost-net"), "This kernel has no /dev/vhost-net: VPP cannot create a tap here.");
        await dataplane.ApplyAsync(new DataplaneOperation.AddTable(table), Token);
        try
        {
            await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(tap), Token);
            var observed = Assert.Single((await dataplane.DumpAsync(Token)).Interfaces, i => i.Spec.Tag == tap.Tag);
            await dataplane.ApplyAsync(new DataplaneOperation.DeletePodInterface(observed), Token);

            Assert.Equal(tap, observed.Spec);
            Assert.Matches("^mn-[0-9a-f]{12}$", observed.HostInterfaceName);
            Assert.DoesNotContain((await dataplane.DumpAsync(Token)).Interfaces, i => i.Spec.Tag == tap.Tag);
        }
        finally
        {
            await CleanUpAsync(dataplane, table);
        }
    }

    [Fact]
    public async Task Operations_ServiceEntryAndPolicy_AsThisVppSupportsThem()
    {
        await using var dataplane = Connect();
        var vpp = await dataplane.GetConnectionAsync(Token);
        var service = new ServiceEntrySpec("real", "web", "real-ops", 0, "198.51.100.10", 80, "TCP") { Backends = ["172.29.0.5:8080"] };

        if (vpp.MessageTable.Offers("cnat_translation_update"))
        {
            await dataplane.ApplyAsync(new DataplaneOperation.AddServiceEntry(service), Token);
            var dumped = Assert.Single((await dataplane.DumpAsync(Token)).Services, s => s.Vip == service.Vip);
            await dataplane.ApplyAsync(new DataplaneOperation.DeleteServiceEntry(dumped), Token);
            Assert.Equal(service.Backends, dumped.Backends);
            Assert.DoesNotContain((await dataplane.DumpAsync(Token)).Services, s => s.Vip == service.Vip);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new DataplaneOperation.AddServiceEntry(service), Token));
            Assert.Contains("cnat plugin not loaded: service entries unavailable", ex.Message, StringComparison.Ordinal);
            Assert.Empty((await dataplane.DumpAsync(Token)).Services);
        }

        // A binding needs its pod interface: without one VPP is not asked.
        var policy = await Assert.ThrowsAsync<DataplaneException>(() =>
            dataplane.ApplyAsync(new DataplaneOperation.BindPolicy(new PolicyBindingSpec("mn:real/web/eth1", "real", "web", "eth1", "real-ops")), Token));
        Assert.Contains(vpp.MessageTable.Offers("acl_add_replace") ? "no interface in VPP carries the tag" : "acl plugin not loaded", policy.Message, StringComparison.Ordinal);
    }

    /// <summary>Removes whatever a failed test left in <paramref name="table"/>, then the table.</summary>
    private static async Task CleanUpAsync(VppDataplane dataplane, DataplaneTable table)
    {
        var state = await dataplane.DumpAsync(CancellationToken.None);
        foreach (var route in state.Routes.Where(r => r.TableId == table.TableId))
        {
            await dataplane.ApplyAsync(new DataplaneOperation.DeleteRoute(route), CancellationToken.None);
        }

        foreach (var pod in state.Interfaces.Where(i => i.Spec.TableId == table.TableId))
        {
            await dataplane.ApplyAsync(new DataplaneOperation.DeletePodInterface(pod), CancellationToken.None);
        }

        foreach (var tunnel in state.Tunnels.Where(t => t.Spec.TableId == table.TableId))
        {
            await dataplane.ApplyAsync(new DataplaneOperation.DeleteTunnel(tunnel), CancellationToken.None);
        }

        await dataplane.DeleteTableAsync(table, CancellationToken.None);
    }
}
