using Multinet.Agent.Dataplane;
using Multinet.Shared.Domain;

namespace Multinet.UnitTests.Agent.Dataplane;

public sealed class SimulatedDataplaneTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dump_New_HoldsTableZeroInBothFamilies()
    {
        var dataplane = new SimulatedDataplane();

        var tables = await dataplane.DumpTablesAsync(Token);

        Assert.Equal([new DataplaneTable(0, false, "ipv4-VRF:0"), new DataplaneTable(0, true, "ipv6-VRF:0")], tables);
        Assert.Equal(0, dataplane.OperationCount);
        Assert.Equal(1, dataplane.DumpCount);
    }

    [Fact]
    public async Task Add_TakenIdUnderAnotherName_IsRefusedButSameNameIsANoOp()
    {
        var dataplane = new SimulatedDataplane();
        await dataplane.AddTableAsync(new(56, false, "multinet:blue"), Token);

        await dataplane.AddTableAsync(new(56, false, "multinet:blue"), Token);
        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.AddTableAsync(new(56, false, "multinet:red"), Token));
        await dataplane.AddTableAsync(new(56, true, "multinet:red"), Token); // the other family is another table

        Assert.Equal("VNET_API_ERROR_ENTRY_ALREADY_EXISTS", ex.ApiError);
        Assert.Contains(new DataplaneTable(56, false, "multinet:blue"), dataplane.Tables);
        Assert.Contains(new DataplaneTable(56, true, "multinet:red"), dataplane.Tables);
        Assert.Equal(4, dataplane.OperationCount);
    }

    [Fact]
    public async Task Delete_MissingTableOrTableZero_SucceedsAndChangesNothingAsInVpp()
    {
        var dataplane = new SimulatedDataplane();
        var before = dataplane.Tables;

        await dataplane.DeleteTableAsync(new(88, false, "multinet:red"), Token);
        await dataplane.DeleteTableAsync(new(0, false, ""), Token);

        Assert.Equal(before, dataplane.Tables);
        Assert.Contains(dataplane.Tables, t => t.TableId == 0 && !t.IsIpv6);
    }

    [Fact]
    public async Task FailureInjector_FailsOnlyTheChosenCall()
    {
        var dataplane = new SimulatedDataplane
        {
            FailureInjector = op => op is DataplaneOperation.AddTable { Table.TableId: 88 } ? new TimeoutException("api.sock timed out") : null,
        };

        await dataplane.AddTableAsync(new(56, false, "multinet:blue"), Token);
        await Assert.ThrowsAsync<TimeoutException>(() => dataplane.AddTableAsync(new(88, false, "multinet:red"), Token));

        Assert.DoesNotContain(dataplane.Tables, t => t.TableId == 88);
        Assert.Equal(2, dataplane.OperationCount);
    }

    [Fact]
    public async Task AllocateSwIfIndex_ConcurrentCallers_GetDistinctIndexesAfterLocal0()
    {
        var dataplane = new SimulatedDataplane();

        var indexes = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(dataplane.AllocateSwIfIndex, Token)));

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (uint)i), indexes.Order());
    }

    private static readonly TunnelSpec s_tunnel = new("blue", "node-2", 56, "10.0.0.1", "10.0.0.2", 0, 56);

    private static readonly PodInterfaceSpec s_memif = new(PodInterfaceKind.Memif, "default", "samplepod", "memif-eth2", "blue", 56, "172.19.0.5/32")
    {
        MemifSocket = "/run/vpp/memif/default-samplepod-memif-eth2.sock",
    };

    private static readonly PodInterfaceSpec s_tap = new(PodInterfaceKind.Tap, "default", "samplepod", "eth1", "blue", 56, "172.19.0.6/32");

    private static async Task<SimulatedDataplane> WithBlueAsync()
    {
        var dataplane = new SimulatedDataplane();
        await dataplane.ApplyAsync(new DataplaneOperation.AddTable(new(56, false, "multinet:blue")), Token);
        return dataplane;
    }

    private static async Task<string> RefusedAsync(SimulatedDataplane dataplane, DataplaneOperation operation) =>
        (await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(operation, Token))).ApiError;

    [Fact]
    public async Task Apply_TunnelWithMissingEncapOrDecapTable_IsRefusedAsNoSuchFib()
    {
        var dataplane = await WithBlueAsync();

        Assert.Equal("VNET_API_ERROR_NO_SUCH_FIB", await RefusedAsync(dataplane, new DataplaneOperation.AddTunnel(s_tunnel with { EncapTableId = 99 })));
        Assert.Equal("VNET_API_ERROR_NO_SUCH_FIB", await RefusedAsync(dataplane, new DataplaneOperation.AddTunnel(s_tunnel with { Vni = 88, TableId = 88 })));
        Assert.Empty((await dataplane.DumpAsync(Token)).Tunnels);
    }

    [Fact]
    public async Task Apply_DuplicateTunnel_IsRefusedAndDeleteFreesItsKey()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddTunnel(s_tunnel), Token);

        Assert.Equal("VNET_API_ERROR_TUNNEL_EXIST", await RefusedAsync(dataplane, new DataplaneOperation.AddTunnel(s_tunnel with { Network = "other" })));
        var observed = Assert.Single((await dataplane.DumpAsync(Token)).Tunnels);
        await dataplane.ApplyAsync(new DataplaneOperation.DeleteTunnel(observed), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddTunnel(s_tunnel), Token);

        Assert.Equal(s_tunnel, Assert.Single((await dataplane.DumpAsync(Token)).Tunnels).Spec);
    }

    [Fact]
    public async Task Apply_Interfaces_GetMonotonicSwIfIndexesNeverReused()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddTunnel(s_tunnel), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_tap), Token);
        var tap = Assert.Single((await dataplane.DumpAsync(Token)).Interfaces);
        await dataplane.ApplyAsync(new DataplaneOperation.DeletePodInterface(tap), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_memif), Token);

        var state = await dataplane.DumpAsync(Token);

        Assert.Equal(1u, Assert.Single(state.Tunnels).SwIfIndex);
        Assert.Equal(2u, tap.SwIfIndex);
        Assert.Equal("tap0", tap.HostInterfaceName);
        var memif = Assert.Single(state.Interfaces);
        Assert.Equal((3u, "master", "ethernet"), (memif.SwIfIndex, memif.Role, memif.Mode));
    }

    [Fact]
    public async Task Apply_PodInterfaces_GetTheRequestedMacOrALocallyAdministeredOneStablePerInterface()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_tap with { Mac = "0a:58:ac:13:00:05" }), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_memif), Token);

        var state = await dataplane.DumpAsync(Token);

        Assert.Equal("0a:58:ac:13:00:05", state.Interfaces.Single(i => i.Spec.Kind == PodInterfaceKind.Tap).Mac);
        var memif = state.Interfaces.Single(i => i.Spec.Kind == PodInterfaceKind.Memif);
        Assert.Matches("^02:fe(:[0-9a-f]{2}){4}$", memif.Mac);
        await dataplane.ApplyAsync(new DataplaneOperation.DeletePodInterface(memif), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_memif), Token);
        Assert.Equal(memif.Mac, (await dataplane.DumpAsync(Token)).Interfaces.Single(i => i.Spec.Kind == PodInterfaceKind.Memif).Mac);
        Assert.NotEqual(memif.Mac, SimulatedDataplane.GeneratedMac((s_memif with { Pod = "other" }).Tag));
    }

    [Fact]
    public async Task Apply_InterfaceIntoMissingTableOrTakenSocket_IsRefused()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_memif), Token);

        Assert.Equal("VNET_API_ERROR_NO_SUCH_FIB", await RefusedAsync(dataplane, new DataplaneOperation.AddPodInterface(s_tap with { TableId = 88 })));
        Assert.Equal("VNET_API_ERROR_ENTRY_ALREADY_EXISTS",
            await RefusedAsync(dataplane, new DataplaneOperation.AddPodInterface(s_memif with { Interface = "memif-eth3" })));
        Assert.Equal(["/run/vpp/memif.sock", s_memif.MemifSocket!], dataplane.MemifSockets.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apply_RouteToMissingTableOrUnknownInterface_IsRefused()
    {
        var dataplane = await WithBlueAsync();

        Assert.Equal("VNET_API_ERROR_NO_SUCH_FIB",
            await RefusedAsync(dataplane, new DataplaneOperation.AddRoute(new RouteSpec("red", 88, "172.20.0.5/32") { ViaInterfaceTag = s_tap.Tag })));
        Assert.Equal("VNET_API_ERROR_INVALID_SW_IF_INDEX",
            await RefusedAsync(dataplane, new DataplaneOperation.AddRoute(new RouteSpec("blue", 56, "172.19.0.6/32") { ViaInterfaceTag = s_tap.Tag })));
        Assert.Equal("VNET_API_ERROR_INVALID_SW_IF_INDEX",
            await RefusedAsync(dataplane, new DataplaneOperation.AddRoute(new RouteSpec("blue", 56, "172.19.0.9/32") { ViaTunnelKey = s_tunnel.Key })));
        Assert.Empty((await dataplane.DumpAsync(Token)).Routes);
    }

    [Fact]
    public async Task Apply_DeletingAnInterface_TakesItsRoutesBindingAndSocketWithIt()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_memif), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddRoute(new RouteSpec("blue", 56, "172.19.0.5/32") { ViaInterfaceTag = s_memif.Tag }), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.BindPolicy(new PolicyBindingSpec(s_memif.Tag, "default", "samplepod", "memif-eth2", "blue")), Token);

        await dataplane.ApplyAsync(new DataplaneOperation.DeletePodInterface(Assert.Single((await dataplane.DumpAsync(Token)).Interfaces)), Token);

        var state = await dataplane.DumpAsync(Token);
        Assert.Empty(state.Routes);
        Assert.Empty(state.Policies);
        Assert.DoesNotContain(s_memif.MemifSocket!, dataplane.MemifSockets.Keys);
    }

    [Fact]
    public async Task Apply_DeletingATableWithBoundInterfaces_IsRefused_EmptyItTakesItsServicesAlong()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddTunnel(s_tunnel), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddServiceEntry(new ServiceEntrySpec("default", "svc", "blue", 56, "10.96.0.10", 80, "TCP") { Backends = ["172.19.0.5:80"] }), Token);
        var blue = new DataplaneOperation.DeleteTable(new(56, false, "multinet:blue"));

        Assert.Equal("VNET_API_ERROR_INSTANCE_IN_USE", await RefusedAsync(dataplane, blue));
        await dataplane.ApplyAsync(new DataplaneOperation.DeleteTunnel(Assert.Single((await dataplane.DumpAsync(Token)).Tunnels)), Token);
        await dataplane.ApplyAsync(blue, Token);

        var state = await dataplane.DumpAsync(Token);
        Assert.Empty(state.Services);
        Assert.DoesNotContain(state.Tables, t => t.TableId == 56);
    }

    [Fact]
    public async Task Tick_MemifLinkComesUpOnTheNextTick_ThenCountersMoveDeterministically()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_memif), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_tap), Token);
        var fresh = await dataplane.DumpAsync(Token);

        dataplane.Elapse(TimeSpan.FromSeconds(1));
        var connected = await dataplane.DumpAsync(Token);
        dataplane.Elapse(TimeSpan.FromSeconds(2));
        var later = await dataplane.DumpAsync(Token);

        Assert.Equal([false, true], fresh.Interfaces.Select(i => i.LinkUp));
        Assert.All(connected.Interfaces, i => Assert.True(i.LinkUp));
        Assert.Equal(default, connected.Interfaces[0].Counters); // the memif connected during that tick
        Assert.Equal(new InterfaceCounters(200, 180, 200 * 128, 180 * 256, 0), connected.Interfaces[1].Counters); // tap sw_if_index 2: 200 packets/s
        Assert.Equal(new InterfaceCounters(600, 540, 600 * 128, 540 * 256, 0), later.Interfaces[1].Counters);
        Assert.Equal(300UL, later.Interfaces[0].Counters.RxPackets); // memif sw_if_index 1: 150 packets/s for 2 s
    }

    [Fact]
    public async Task Apply_ServiceAndPolicyAdds_AreUpserts()
    {
        var dataplane = await WithBlueAsync();
        await dataplane.ApplyAsync(new DataplaneOperation.AddPodInterface(s_tap), Token);
        var entry = new ServiceEntrySpec("default", "svc", "blue", 56, "10.96.0.10", 80, "TCP") { Backends = ["172.19.0.6:80"] };
        await dataplane.ApplyAsync(new DataplaneOperation.AddServiceEntry(entry), Token);
        await dataplane.ApplyAsync(new DataplaneOperation.AddServiceEntry(entry with { Backends = ["172.19.0.6:80", "172.19.0.7:80"] }), Token);

        Assert.Equal("VNET_API_ERROR_INVALID_SW_IF_INDEX",
            await RefusedAsync(dataplane, new DataplaneOperation.BindPolicy(new PolicyBindingSpec("mn:x/y/z", "x", "y", "z", "blue"))));
        Assert.Equal(2, Assert.Single((await dataplane.DumpAsync(Token)).Services).Backends.Length);
    }

    [Fact]
    public async Task Apply_ConcurrentCallers_EachTunnelGetsItsOwnInterface()
    {
        var dataplane = await WithBlueAsync();

        await Task.WhenAll(Enumerable.Range(2, 100).Select(i => Task.Run(
            () => dataplane.ApplyAsync(new DataplaneOperation.AddTunnel(s_tunnel with { Dst = $"10.0.1.{i}" }), Token), Token)));

        var tunnels = (await dataplane.DumpAsync(Token)).Tunnels;
        Assert.Equal(100, tunnels.Length);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (uint)i), tunnels.Select(t => t.SwIfIndex).Order());
    }

    [Fact]
    public async Task Apply_ServiceEntryWithoutBackends_IsRefusedAsVppWouldAbortOnIt()
    {
        var dataplane = await WithBlueAsync();

        var error = await RefusedAsync(dataplane, new DataplaneOperation.AddServiceEntry(new ServiceEntrySpec("default", "svc", "blue", 56, "10.96.0.10", 80, "TCP")));

        Assert.Equal("VNET_API_ERROR_INVALID_VALUE", error);
        Assert.Empty((await dataplane.DumpAsync(Token)).Services);
    }
}
