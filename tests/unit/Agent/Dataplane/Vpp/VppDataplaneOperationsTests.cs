using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.Shared.Domain.DataplaneOperation;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>Every operation kind through <see cref="VppDataplane"/> to a fake VPP on a real Unix socket: add, dump back, delete.</summary>
public sealed class VppDataplaneOperationsTests
{
    private static readonly DataplaneTable s_blue = new(56, false, "multinet:blue");
    private static readonly DataplaneTable s_blue6 = new(56, true, "multinet:blue");
    private static readonly TunnelSpec s_tunnel = new("blue", "node-2", 5000, "192.168.0.1", "192.168.0.2", 0, 56);
    private static readonly TunnelSpec s_tunnel3 = new("blue", "node-3", 5000, "192.168.0.1", "192.168.0.3", 0, 56);

    private static readonly PodInterfaceSpec s_memif =
        new(PodInterfaceKind.Memif, "default", "web", "memif-eth1", "blue", 56, "10.1.1.5/32") { MemifSocket = "/run/vpp/multinet/web.sock" };

    private static readonly PodInterfaceSpec s_tap = new(PodInterfaceKind.Tap, "default", "db", "eth1", "blue", 56, "10.1.1.6/32");

    private const byte CnatTranslationTcp = 6;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VppDataplane Connect(FakeVppServer vpp) => new(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);

    private static Task Apply(VppDataplane dataplane, params DataplaneOperation[] operations) =>
        operations.Aggregate(Task.CompletedTask, async (previous, op) =>
        {
            await previous;
            await dataplane.ApplyAsync(op, Token);
        });

    private static ServiceEntrySpec Service(params string[] backends) =>
        new("default", "web", "blue", 56, "10.96.0.10", 80, "TCP") { Backends = [.. backends] };

    [Fact]
    public async Task AddTunnel_CreatesAnL3VxlanTaggedInTheVrfAndUp_AndDumpsItBack()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue));
        var before = vpp.Received.Count;

        await Apply(dataplane, new AddTunnel(s_tunnel));

        Assert.Equal(["add_node_next", "vxlan_add_del_tunnel_v3"], vpp.Received.Skip(before).Where(n => n is not ("ip_table_dump" or "control_ping")).Take(2));
        var tunnel = Assert.Single(vpp.Interfaces, i => i.Vxlan is not null);
        Assert.Equal(("vxlan_tunnel0", "mn:t:blue/node-2", 56u, true, true), (tunnel.Name, tunnel.Tag, tunnel.Ip4Table, tunnel.AdminUp, tunnel.IsL3));
        Assert.Equal((1450u, true), (tunnel.L3Mtu, tunnel.Ip4Enabled)); // an L3 tunnel starts with MTU 0 and IPv4 disabled
        Assert.Equal(2u, tunnel.Vxlan!.DecapNextIndex); // the arc vxlan4-input → ip4-input, after error-drop and l2-input
        var observed = Assert.Single((await dataplane.DumpAsync(Token)).Tunnels);
        Assert.Equal(new ObservedTunnel(s_tunnel, tunnel.SwIfIndex, true, default), observed);
    }

    [Fact]
    public async Task DeleteTunnel_RemovesItFromVpp_AndAgainSucceeds()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue), new AddTunnel(s_tunnel), new AddTunnel(s_tunnel3));
        var observed = (await dataplane.DumpAsync(Token)).Tunnels.Single(t => t.Spec.PeerNode == "node-2");

        await Apply(dataplane, new DeleteTunnel(observed), new DeleteTunnel(observed));

        Assert.Equal([s_tunnel3], (await dataplane.DumpAsync(Token)).Tunnels.Select(t => t.Spec));
        Assert.Equal(1, vpp.CountOf("add_node_next"));
        Assert.Single(vpp.Interfaces, i => i.Vxlan is not null);
    }

    [Fact]
    public async Task AddTunnel_AlreadyInVppAndOurs_IsTakenOverInsteadOfFailing()
    {
        await using var vpp = new FakeVppServer();
        await using (var first = Connect(vpp))
        {
            await Apply(first, new AddTable(s_blue), new AddTunnel(s_tunnel));
        }

        await using var restarted = Connect(vpp);
        await Apply(restarted, new AddTunnel(s_tunnel));

        var tunnel = Assert.Single(vpp.Interfaces, i => i.Vxlan is not null);
        Assert.Equal(("mn:t:blue/node-2", 56u, true), (tunnel.Tag, tunnel.Ip4Table, tunnel.AdminUp));
    }

    [Fact]
    public async Task AddTunnel_SameKeyTakenBySomeoneElse_FailsAndLeavesTheirTunnelAlone()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue));
        vpp.Modify(m => m.AddInterface(i => new FakeVppServer.FakeInterface(i, "vxlan_tunnel7")
        {
            Vxlan = new(i, 7, IPAddress.Parse(s_tunnel.Src), IPAddress.Parse(s_tunnel.Dst), 0, 1, s_tunnel.Vni),
        }));

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddTunnel(s_tunnel), Token));

        Assert.Equal("VNET_API_ERROR_TUNNEL_EXIST", ex.ApiError);
        Assert.Contains("not tagged as this product's", ex.Message, StringComparison.Ordinal);
        var theirs = Assert.Single(vpp.Interfaces, i => i.Vxlan is not null);
        Assert.Equal(("", 0u, false), (theirs.Tag, theirs.Ip4Table, theirs.AdminUp));
    }

    [Fact]
    public async Task AddTunnel_VrfMissing_FailsWithNoSuchFibAndLeavesNoTunnel()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddTunnel(s_tunnel), Token));

        Assert.Equal("VNET_API_ERROR_NO_SUCH_FIB", ex.ApiError);
        Assert.Contains("sw_interface_set_table", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(vpp.Interfaces, i => i.Vxlan is not null);
        Assert.Empty((await dataplane.DumpAsync(Token)).Tunnels);
    }

    [Theory]
    [InlineData("not-an-ip", "192.168.0.2", "Src")]
    [InlineData("192.168.0.1", "fd00::2", "Dst")]
    public async Task AddTunnel_BadAddress_FailsNamingTheFieldAndSendsNothing(string src, string dst, string field)
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddTunnel(s_tunnel with { Src = src, Dst = dst }), Token));

        Assert.Contains($"{field} \"{(field == "Src" ? src : dst)}\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, vpp.CountOf("vxlan_add_del_tunnel_v3"));
    }

    [Fact]
    public async Task AddMemif_MasterEthernetOnItsSocketTaggedInTheVrf_AndDeleteReleasesTheSocket()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue));

        await Apply(dataplane, new AddPodInterface(s_memif));

        var socketId = Assert.Single(vpp.MemifSockets, s => s.Value == "/run/vpp/multinet/web.sock").Key;
        var memif = Assert.Single(vpp.Interfaces, i => i.Memif is not null);
        Assert.Equal(($"memif{socketId}/0", "mn:default/web/memif-eth1", 56u, true), (memif.Name, memif.Tag, memif.Ip4Table, memif.AdminUp));
        Assert.Equal((0u, 0u, socketId), (memif.Memif!.Role, memif.Memif.Mode, memif.Memif.SocketId));
        var observed = Assert.Single((await dataplane.DumpAsync(Token)).Interfaces);
        Assert.Equal(s_memif, observed.Spec);
        Assert.Equal((memif.SwIfIndex, true, false, "master", "ethernet"), (observed.SwIfIndex, observed.AdminUp, observed.LinkUp, observed.Role, observed.Mode));

        await Apply(dataplane, new DeletePodInterface(observed));

        Assert.DoesNotContain(vpp.Interfaces, i => i.Memif is not null);
        Assert.Equal([0u], vpp.MemifSockets.Keys); // only VPP's default socket is left
        Assert.Empty((await dataplane.DumpAsync(Token)).Interfaces);
    }

    [Fact]
    public async Task AddMemif_TwoOnOneSocket_ShareTheSocketIdUntilTheLastGoes()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var second = s_memif with { Interface = "memif-eth2", Address = "10.1.1.9/32" };
        await Apply(dataplane, new AddTable(s_blue), new AddPodInterface(s_memif), new AddPodInterface(second));

        Assert.Equal(2, vpp.MemifSockets.Count);
        Assert.Equal([0u, 1u], vpp.Interfaces.Where(i => i.Memif is not null).Select(i => i.Memif!.Id));
        var dumped = (await dataplane.DumpAsync(Token)).Interfaces;
        await Apply(dataplane, new DeletePodInterface(dumped.Single(i => i.Spec.Interface == "memif-eth1")));
        Assert.Equal(2, vpp.MemifSockets.Count);
        await Apply(dataplane, new DeletePodInterface(dumped.Single(i => i.Spec.Interface == "memif-eth2")));
        Assert.Single(vpp.MemifSockets);
    }

    [Fact]
    public async Task AddMemif_NoSocketInThePlan_UsesOnePerPodInterfaceUnderRunVpp()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        await Apply(dataplane, new AddTable(s_blue), new AddPodInterface(s_memif with { MemifSocket = null }));

        Assert.Contains("/run/vpp/multinet/memif-default-web-memif-eth1.sock", vpp.MemifSockets.Values);
    }

    [Fact]
    public async Task AddMemif_SetTableFails_RemovesTheMemifAndItsSocket()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddPodInterface(s_memif), Token));

        Assert.Equal("VNET_API_ERROR_NO_SUCH_FIB", ex.ApiError);
        Assert.Equal([0u], vpp.MemifSockets.Keys);
        Assert.Equal(["local0"], vpp.Interfaces.Select(i => i.Name));
    }

    [Fact]
    public async Task AddTap_HostNameFitsLinux_TaggedInTheVrf_AndDeleteRemovesIt()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue));

        await Apply(dataplane, new AddPodInterface(s_tap with { Mac = "02:00:00:aa:bb:cc" }));

        var tap = Assert.Single(vpp.Interfaces, i => i.Tap is not null);
        Assert.Equal(("tap0", "mn:default/db/eth1", 56u, true), (tap.Name, tap.Tag, tap.Ip4Table, tap.AdminUp));
        Assert.Matches("^mn-[0-9a-f]{12}$", tap.Tap!.HostInterfaceName);
        Assert.Equal("02:00:00:aa:bb:cc", tap.Tap.HostMac); // the pod's side; VPP's own side stays random
        Assert.NotEqual([0x02, 0, 0, 0xaa, 0xbb, 0xcc], tap.Mac);
        Assert.Equal(1, vpp.CountOf("sw_interface_tag_add_del")); // the VRF loopback's: tap_create_v3 carries the tap's
        var observed = Assert.Single((await dataplane.DumpAsync(Token)).Interfaces);
        Assert.Equal((s_tap with { Mac = "02:00:00:aa:bb:cc" }, tap.Tap.HostInterfaceName, true), (observed.Spec, observed.HostInterfaceName, observed.LinkUp));
        Assert.Equal("02:00:00:aa:bb:cc", observed.Mac); // sw_interface_tap_v2_dump's host_mac_addr

        await Apply(dataplane, new DeletePodInterface(observed));

        Assert.DoesNotContain(vpp.Interfaces, i => i.Tap is not null);
    }

    [Fact]
    public async Task AddTap_TapPluginNotLoaded_FailsClearlyWhileDumpStillWorks()
    {
        // Recent VPP builds ship tap as a plugin (src/plugins/tap); without it tap_create_v3 is not in the message table.
        await using var vpp = new FakeVppServer(withoutPlugins: ["tap_", "sw_interface_tap_"]);
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue), new AddPodInterface(s_memif));

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddPodInterface(s_tap), Token));

        Assert.Contains("tap plugin not loaded", ex.Message, StringComparison.Ordinal);
        Assert.Equal([s_memif.Tag], (await dataplane.DumpAsync(Token)).Interfaces.Select(i => i.Spec.Tag));
    }

    [Fact]
    public async Task AddTap_Ipv6Pod_IsPlacedInTheIpv6Table()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue6));

        await Apply(dataplane, new AddPodInterface(s_tap with { Address = "fd00::6/128" }));

        var tap = Assert.Single(vpp.Interfaces, i => i.Tap is not null);
        Assert.Equal((0u, 56u), (tap.Ip4Table, tap.Ip6Table));
        Assert.Equal(56u, Assert.Single((await dataplane.DumpAsync(Token)).Interfaces).Spec.TableId);
    }

    [Theory]
    [InlineData("10.1.1.x/32", null, "Address \"10.1.1.x/32\"")]
    [InlineData("10.1.1.6/32", "zz:00:00:00:00:00", "Mac \"zz:00:00:00:00:00\"")]
    public async Task AddTap_BadField_FailsNamingItAndCreatesNothing(string address, string? mac, string field)
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() =>
            dataplane.ApplyAsync(new AddPodInterface(s_tap with { Address = address, Mac = mac }), Token));

        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, vpp.CountOf("tap_create_v3"));
    }

    [Fact]
    public async Task AddPodInterface_TagAlreadyInVpp_ReplacesTheInterface()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue), new AddPodInterface(s_tap), new AddPodInterface(s_memif));

        await Apply(dataplane, new AddPodInterface(s_tap), new AddPodInterface(s_memif));

        Assert.Equal([s_tap.Tag, s_memif.Tag], vpp.Interfaces.Where(i => i.Tag.Length > 0 && !i.IsLoopback).Select(i => i.Tag).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await dataplane.DumpAsync(Token)).Interfaces.Length);
    }

    [Fact]
    public async Task PodInterface_HashedTagAfterRestart_ReplacedByDeleteAndAddLeavesOne()
    {
        await using var vpp = new FakeVppServer();
        var longName = s_memif with { Pod = new string('p', 40), Interface = "memif-" + new string('i', 20) };
        await using (var first = Connect(vpp))
        {
            await Apply(first, new AddTable(s_blue), new AddPodInterface(longName));
        }

        await using var restarted = Connect(vpp);
        var rebuilt = Assert.Single((await restarted.DumpAsync(Token)).Interfaces);
        Assert.Equal(("", PodInterfaceKind.Memif, 56u), (rebuilt.Spec.Pod, rebuilt.Spec.Kind, rebuilt.Spec.TableId)); // the hash hides the names

        await Apply(restarted, new DeletePodInterface(rebuilt), new AddPodInterface(longName));

        Assert.Equal([longName.Tag], vpp.Interfaces.Where(i => i.Memif is not null).Select(i => i.Tag));
        Assert.Equal(longName, Assert.Single((await restarted.DumpAsync(Token)).Interfaces).Spec);
    }

    [Fact]
    public async Task DeletePodInterface_StaleIndex_DeletesTheInterfaceCarryingTheTag()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue), new AddPodInterface(s_tap));
        var observed = Assert.Single((await dataplane.DumpAsync(Token)).Interfaces);

        await Apply(dataplane, new DeletePodInterface(observed with { SwIfIndex = 999 }));

        Assert.Equal(["local0", "loop0"], vpp.Interfaces.Select(i => i.Name)); // the VRF's loopback stays with its table
    }

    [Fact]
    public async Task Routes_ViaPodAndViaTunnel_AreAddedDumpedWithoutForeignOrSpecialRoutes_AndDeleted()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue), new AddTunnel(s_tunnel), new AddPodInterface(s_memif));
        var foreign = new FakeVppServer.FakeInterface(0, "");
        vpp.Modify(m =>
        {
            foreign = m.AddInterface(i => new FakeVppServer.FakeInterface(i, "loop0") { Tag = "someone-else" });
            m.AddRoute(56, IPNetwork.Parse("10.9.9.9/32"), foreign.SwIfIndex);
            m.AddRoute(56, IPNetwork.Parse("10.1.3.0/24"), foreign.SwIfIndex);
        });
        var local = new RouteSpec("blue", 56, "10.1.1.5/32") { ViaInterfaceTag = s_memif.Tag, Via = "default/web/memif-eth1" };
        var remote = new RouteSpec("blue", 56, "10.1.2.7/32") { ViaTunnelKey = s_tunnel.Key, Via = "node-2" };

        await Apply(dataplane, new AddRoute(local), new AddRoute(remote));

        var memif = vpp.Interfaces.Single(i => i.Memif is not null).SwIfIndex;
        var tunnel = vpp.Interfaces.Single(i => i.Vxlan is not null).SwIfIndex;
        Assert.Contains((56u, IPNetwork.Parse("10.1.1.5/32"), memif), vpp.Routes);
        Assert.Contains((56u, IPNetwork.Parse("10.1.2.7/32"), tunnel), vpp.Routes);
        Assert.Equal([local, remote], (await dataplane.DumpAsync(Token)).Routes.OrderBy(r => r.Prefix, StringComparer.Ordinal));

        await Apply(dataplane, new DeleteRoute(local), new DeleteRoute(remote), new DeleteRoute(remote));

        Assert.Empty((await dataplane.DumpAsync(Token)).Routes);
        Assert.Equal([(56u, IPNetwork.Parse("10.1.3.0/24"), foreign.SwIfIndex), (56u, IPNetwork.Parse("10.9.9.9/32"), foreign.SwIfIndex),
            (56u, IPNetwork.Parse("192.168.0.2/32"), tunnel)], vpp.Routes.OrderBy(r => r.Prefix.ToString(), StringComparer.Ordinal)); // the tunnel's own route to the peer's loopback stays with it
    }

    [Fact]
    public async Task AddRoute_NoInterfaceWithTheTag_FailsNamingTheTag()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue));

        var ex = await Assert.ThrowsAsync<DataplaneException>(() =>
            dataplane.ApplyAsync(new AddRoute(new RouteSpec("blue", 56, "10.1.1.5/32") { ViaInterfaceTag = "mn:default/gone/eth1" }), Token));

        Assert.Equal("VNET_API_ERROR_INVALID_SW_IF_INDEX", ex.ApiError);
        Assert.Contains("mn:default/gone/eth1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, vpp.CountOf("ip_route_add_del"));
    }

    [Theory]
    [InlineData("10.1.1.5/32", false, "ViaInterfaceTag/ViaTunnelKey")]
    [InlineData("10.1.1.5/40", true, "Prefix \"10.1.1.5/40\"")]
    public async Task AddRoute_BadSpec_FailsNamingTheField(string prefix, bool withVia, string expected)
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var route = new RouteSpec("blue", 56, prefix) { ViaInterfaceTag = withVia ? "mn:a/b/c" : null };

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddRoute(route), Token));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceEntry_AddUpdateDumpDelete_ThroughCnat()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        await Apply(dataplane, new AddServiceEntry(Service("10.1.1.5:8080")));
        var id = Assert.Single(vpp.Translations).Id;
        await Apply(dataplane, new AddServiceEntry(Service("10.1.1.5:8080", "10.1.2.7:8080")));

        var translation = Assert.Single(vpp.Translations);
        Assert.Equal(id, translation.Id);
        Assert.Equal((IPAddress.Parse("10.96.0.10"), (ushort)80, (byte)6), (translation.Vip.Address, translation.Vip.Port, translation.IpProto));
        var dumped = Assert.Single((await dataplane.DumpAsync(Token)).Services);
        Assert.Equal(Service("10.1.1.5:8080", "10.1.2.7:8080").Key, dumped.Key);
        Assert.Equal(["10.1.1.5:8080", "10.1.2.7:8080"], dumped.Backends);

        await Apply(dataplane, new DeleteServiceEntry(dumped), new DeleteServiceEntry(dumped));

        Assert.Empty(vpp.Translations);
        Assert.Empty((await dataplane.DumpAsync(Token)).Services);
    }

    [Fact]
    public async Task ServiceEntry_DumpedByTheInstanceThatAddedIt_EqualsThePlannedSpec()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var planned = Service("10.1.1.5:8080") with { Protocol = "tcp" };

        await Apply(dataplane, new AddServiceEntry(planned));

        Assert.Equal([planned], (await dataplane.DumpAsync(Token)).Services);
        Assert.Equal(CnatTranslationTcp, Assert.Single(vpp.Translations).IpProto);
    }

    [Theory]
    [InlineData("ICMP", 80, "10.1.1.5:8080", "Protocol \"ICMP\"")]
    [InlineData("TCP", 0, "10.1.1.5:8080", "Port \"0\"")]
    [InlineData("TCP", 80, "10.1.1.5", "Backends \"10.1.1.5\"")]
    [InlineData("TCP", 80, "[fd00::5]:80", "Backends \"[fd00::5]:80\"")]
    public async Task ServiceEntry_BadField_FailsNamingIt(string protocol, int port, string backend, string expected)
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() =>
            dataplane.ApplyAsync(new AddServiceEntry(Service(backend) with { Protocol = protocol, Port = port }), Token));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(vpp.Translations);
    }

    [Fact]
    public async Task ServiceEntry_CnatPluginNotLoaded_FailsClearlyWhileDumpStillWorks()
    {
        await using var vpp = new FakeVppServer(withoutPlugins: ["cnat_"]);
        await using var dataplane = Connect(vpp);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddServiceEntry(Service("10.1.1.5:8080")), Token));
        var state = await dataplane.DumpAsync(Token);

        Assert.Contains("cnat plugin not loaded: service entries unavailable", ex.Message, StringComparison.Ordinal);
        Assert.Empty(state.Services);
        Assert.Equal(2, state.Tables.Length);
    }

    [Fact]
    public async Task BindPolicy_NoInterfaceWithTheTag_FailsNamingIt_UnbindOfNothingSucceeds()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var binding = new PolicyBindingSpec(s_tap.Tag, "default", "db", "eth1", "blue");

        var bind = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new BindPolicy(binding), Token));
        await dataplane.ApplyAsync(new UnbindPolicy(binding), Token);

        Assert.Contains(s_tap.Tag, bind.Message, StringComparison.Ordinal);
        Assert.Equal("VNET_API_ERROR_INVALID_SW_IF_INDEX", bind.ApiError);
        Assert.Empty(vpp.Acls);
        Assert.Empty((await dataplane.DumpAsync(Token)).Policies);
    }

    [Fact]
    public async Task Dump_ForeignTunnelsAndInterfaces_AreNotReported()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue), new AddTunnel(s_tunnel), new AddPodInterface(s_tap));
        vpp.Modify(m =>
        {
            m.AddInterface(i => new FakeVppServer.FakeInterface(i, "vxlan_tunnel9")
            {
                Vxlan = new(i, 9, IPAddress.Parse("192.168.0.1"), IPAddress.Parse("192.168.0.9"), 0, 1, 77),
            });
            m.AddInterface(i => new FakeVppServer.FakeInterface(i, "tap9") { Tag = "calico-pod", Tap = new(i, 9, "tap9", "cali1", "") });
        });

        var state = await dataplane.DumpAsync(Token);

        Assert.Equal([s_tunnel], state.Tunnels.Select(t => t.Spec));
        Assert.Equal([s_tap.Tag], state.Interfaces.Select(i => i.Spec.Tag));
    }

    [Fact]
    public async Task Dump_AfterAgentRestart_EqualsWhatWasAppliedOnTheComparedFields()
    {
        await using var vpp = new FakeVppServer();
        var route = new RouteSpec("blue", 56, "10.1.1.5/32") { ViaInterfaceTag = s_memif.Tag, Via = "default/web/memif-eth1" };
        var remote = new RouteSpec("blue", 56, "10.1.2.7/32") { ViaTunnelKey = s_tunnel.Key, Via = "node-2" };
        var service = Service("10.1.1.5:8080");
        DataplaneState applied;
        await using (var first = Connect(vpp))
        {
            await Apply(first, new AddTable(s_blue), new AddTunnel(s_tunnel), new AddPodInterface(s_memif), new AddPodInterface(s_tap),
                new AddRoute(route), new AddRoute(remote), new AddServiceEntry(service));
            applied = await first.DumpAsync(Token);
        }

        await using var restarted = Connect(vpp);
        var state = await restarted.DumpAsync(Token);

        Assert.Equal(applied.Tables, state.Tables);
        Assert.Equal([s_tunnel], state.Tunnels.Select(t => t.Spec)); // network and peer come back from the tag
        Assert.Equal(applied.Tunnels, state.Tunnels);
        Assert.Equal([(s_memif.Tag, PodInterfaceKind.Memif, 56u), (s_tap.Tag, PodInterfaceKind.Tap, 56u)],
            state.Interfaces.Select(i => (i.Spec.Tag, i.Spec.Kind, i.Spec.TableId)));
        Assert.Equal(applied.Interfaces.Select(i => (i.SwIfIndex, i.Role, i.Mode, i.HostInterfaceName, i.Spec.MemifSocket, i.Mac)),
            state.Interfaces.Select(i => (i.SwIfIndex, i.Role, i.Mode, i.HostInterfaceName, i.Spec.MemifSocket, i.Mac)));
        // Read back from VPP: the memif's MAC VPP generated, the tap's pod side the kernel generated.
        Assert.Equal([(PodInterfaceKind.Memif, "02:fe"), (PodInterfaceKind.Tap, "0a:58")], state.Interfaces.Select(i => (i.Spec.Kind, i.Mac![..5])));
        Assert.Equal([route, remote], state.Routes.OrderBy(r => r.Prefix, StringComparer.Ordinal));
        var dumpedService = Assert.Single(state.Services);
        Assert.Equal((service.Vip, service.Port, service.Protocol), (dumpedService.Vip, dumpedService.Port, dumpedService.Protocol));
        Assert.Equal(service.Backends, dumpedService.Backends);
    }

    [Fact]
    public async Task Dump_AfterRestart_TunnelWithTooLongATag_KeepsKeyAndTables()
    {
        await using var vpp = new FakeVppServer();
        var tunnel = s_tunnel with { Network = new string('n', 40), PeerNode = new string('p', 40) };
        await using (var first = Connect(vpp))
        {
            await Apply(first, new AddTable(s_blue), new AddTunnel(tunnel));
            Assert.Equal([tunnel], (await first.DumpAsync(Token)).Tunnels.Select(t => t.Spec)); // known to the instance that added it
        }

        await using var restarted = Connect(vpp);
        var spec = Assert.Single((await restarted.DumpAsync(Token)).Tunnels).Spec;

        Assert.Matches("^mn:t:#[0-9a-f]{32}$", Assert.Single(vpp.Interfaces, i => i.Vxlan is not null).Tag); // 38 characters, under VPP's 63
        Assert.Equal((tunnel.Key, tunnel.EncapTableId, tunnel.TableId, "", ""), (spec.Key, spec.EncapTableId, spec.TableId, spec.Network, spec.PeerNode));
    }
}
