using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using static Multinet.Shared.Domain.DataplaneOperation;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

/// <summary>
/// What makes VPP forward what the driver creates, and what keeps VPP alive, against the fake VPP (which models
/// ip4-enable through addresses and unnumbered, interface MTU, route next hops, the abort on an empty cnat translation and
/// the cnat plugin's per-table session counters).
/// </summary>
public sealed class VppDataplaneForwardingTests
{
    private static readonly DataplaneTable s_blue = new(56, false, "multinet:blue");
    private static readonly TunnelSpec s_tunnel = new("blue", "node-2", 56, "192.168.0.1", "192.168.0.2", 0, 56);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VppDataplane Connect(FakeVppServer vpp)
    {
        var dataplane = new VppDataplane(vpp.SocketPath, "node-1", NullLogger<VppDataplane>.Instance);
        dataplane.SetUnderlay("192.168.0.1", null);
        return dataplane;
    }

    private static PodInterfaceSpec Memif(string directory) =>
        new(PodInterfaceKind.Memif, "default", "web", "memif1", "blue", 56, "10.1.1.5/32") { MemifSocket = Path.Combine(directory, "web.sock") };

    private static async Task Apply(VppDataplane dataplane, params DataplaneOperation[] operations)
    {
        foreach (var operation in operations)
        {
            await dataplane.ApplyAsync(operation, Token);
        }
    }

    [Theory]
    [InlineData(false, "10.1.1.5/32")]
    [InlineData(true, "fd00:77::11/128")]
    public async Task FirstPodInterface_OnAFreshVpp_JoinsItsTableAfterCnatIsInUse_SoCnatCountsSessionsThere(bool isIp6, string address)
    {
        // The tunnel binds the table before the cnat plugin is first used; the pod's own bind must come after its cnat enable.
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var directory = Directory.CreateTempSubdirectory("mn-memif-").FullName;
        try
        {
            await Apply(dataplane, new AddTable(s_blue with { IsIpv6 = isIp6 }), new AddTunnel(s_tunnel),
                new AddPodInterface(Memif(directory) with { Address = address }));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        Assert.Contains(vpp.Interfaces, i => i.CnatFeature);
        Assert.Empty(vpp.CnatInterfacesInUnsizedTables);
    }

    [Fact]
    public async Task EveryInterface_IsUnnumberedToTheVrfLoopbackHoldingTheNodeAddress_SoIpv4IsEnabled()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var directory = Directory.CreateTempSubdirectory("mn-memif-").FullName;
        try
        {
            await Apply(dataplane, new AddTable(s_blue), new AddTunnel(s_tunnel), new AddPodInterface(Memif(directory)),
                new AddPodInterface(new PodInterfaceSpec(PodInterfaceKind.Tap, "default", "db", "eth1", "blue", 56, "10.1.1.6/32")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var loopback = Assert.Single(vpp.Interfaces, i => i.IsLoopback);
        Assert.Equal(("mn:l:4:56", 56u, true), (loopback.Tag, loopback.Ip4Table, loopback.AdminUp));
        Assert.Equal([IPNetwork.Parse("192.168.0.1/32")], loopback.Addresses);
        var created = vpp.Interfaces.Where(i => i.Vxlan is not null || i.Memif is not null || i.Tap is not null).ToList();
        Assert.Equal(3, created.Count);
        Assert.All(created, i => Assert.Equal((loopback.SwIfIndex, 56u, true, true), (i.UnnumberedTo, i.Ip4Table, i.Ip4Enabled, i.AdminUp)));
        Assert.All(created.Where(i => i.Vxlan is null), i => Assert.True(i.CnatFeature)); // pods' VIPs translate on entry, then route in the VRF
    }

    [Fact]
    public async Task Routes_RemotePodViaThePeersLoopbackOnTheTunnel_LocalPodViaItsAddressOnItsInterface()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var tap = new PodInterfaceSpec(PodInterfaceKind.Tap, "default", "db", "eth1", "blue", 56, "10.1.1.6/32");
        await Apply(dataplane, new AddTable(s_blue), new AddTunnel(s_tunnel), new AddPodInterface(tap));
        var local = new RouteSpec("blue", 56, "10.1.1.6/32") { ViaInterfaceTag = tap.Tag, Via = "default/db/eth1" };
        var remote = new RouteSpec("blue", 56, "10.1.2.7/32") { ViaTunnelKey = s_tunnel.Key, Via = "node-2" };

        await Apply(dataplane, new AddRoute(local), new AddRoute(remote));

        var tunnel = vpp.Interfaces.Single(i => i.Vxlan is not null).SwIfIndex;
        var tapIndex = vpp.Interfaces.Single(i => i.Tap is not null).SwIfIndex;
        var peer = IPAddress.Parse("192.168.0.2");
        Assert.Contains((56u, IPNetwork.Parse("10.1.2.7/32"), tunnel, peer), vpp.RoutePaths);
        Assert.Contains((56u, IPNetwork.Parse("192.168.0.2/32"), tunnel, peer), vpp.RoutePaths); // replies to this node's loopback return
        Assert.Contains((56u, IPNetwork.Parse("10.1.1.6/32"), tapIndex, IPAddress.Parse("10.1.1.6")), vpp.RoutePaths);
        Assert.Equal([local, remote], (await dataplane.DumpAsync(Token)).Routes.OrderBy(r => r.Prefix, StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteTable_ReleasesAndDeletesItsLoopback()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue), new AddTunnel(s_tunnel));
        var observed = Assert.Single((await dataplane.DumpAsync(Token)).Tunnels);

        await Apply(dataplane, new DeleteTunnel(observed), new DeleteTable(s_blue));

        Assert.Equal(["local0"], vpp.Interfaces.Select(i => i.Name));
        Assert.Empty(vpp.Routes);
        Assert.DoesNotContain(vpp.State.Tables, t => t.TableId == 56);
    }

    [Fact]
    public async Task AddServiceEntry_WithoutBackends_IsRefusedBeforeReachingVpp()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await Apply(dataplane, new AddTable(s_blue));

        var ex = await Assert.ThrowsAsync<DataplaneException>(() =>
            dataplane.ApplyAsync(new AddServiceEntry(new ServiceEntrySpec("default", "web", "blue", 56, "10.96.0.10", 80, "TCP")), Token));

        Assert.Contains("Backends", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, vpp.CountOf("cnat_translation_update"));
        Assert.False(vpp.Crashed);
        Assert.NotEmpty(await dataplane.DumpTablesAsync(Token)); // VPP still answers
    }

    [Fact]
    public async Task AddPodInterface_MemifSocketDirectoryMissing_IsCreatedOwnerAndGroupOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var root = Directory.CreateTempSubdirectory("mn-memif-").FullName;
        try
        {
            var directory = Path.Combine(root, "pods", "memif");

            await Apply(dataplane, new AddTable(s_blue), new AddPodInterface(Memif(directory)));

            Assert.True(Directory.Exists(directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
                OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(directory));
            Assert.Single(vpp.Interfaces, i => i.Memif is not null);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AddPodInterface_MemifSocketDirectoryCannotBeCreated_FailsNamingTheSocket()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var file = Path.GetTempFileName();
        try
        {
            await Apply(dataplane, new AddTable(s_blue));

            var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.ApplyAsync(new AddPodInterface(Memif(Path.Combine(file, "sub"))), Token));

            Assert.Contains("MemifSocket", ex.Message, StringComparison.Ordinal);
            Assert.Equal("VNET_API_ERROR_SYSCALL_ERROR_4", ex.ApiError);
            Assert.DoesNotContain(vpp.Interfaces, i => i.Memif is not null);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(-14, "VNET_API_ERROR_SYSCALL_ERROR_4")]
    [InlineData(-52, "VNET_API_ERROR_NO_PATHS_IN_ROUTE")]
    [InlineData(-142, "VNET_API_ERROR_ACL_IN_USE_INBOUND")]
    [InlineData(-171, "VNET_API_ERROR_INVALID_PREFIX_LENGTH")]
    [InlineData(-999, "VNET_API_ERROR_-999")]
    public void ErrorNames_CoverEveryCodeVppDefines(int retval, string name)
    {
        Assert.Equal(name, VppApiErrors.Name(retval));
        Assert.Equal(retval == -999 ? -1 : retval, VppApiErrors.Code(name));
    }

    [Fact]
    public void PodTag_KeepsQueueCountsVppCannotReport()
    {
        var spec = new PodInterfaceSpec(PodInterfaceKind.Memif, "default", "web", "memif1", "blue", 56, "10.1.1.5/32") { RxQueues = 2, TxQueues = 4 };

        Assert.Equal("mn:default/web/memif1@2.4", VppTags.PodVppTag(spec));
        Assert.Equal((spec.Tag, 2, 4), VppTags.ParsePodVppTag(VppTags.PodVppTag(spec)));
        Assert.Equal((spec.Tag, 1, 1), VppTags.ParsePodVppTag(spec.Tag));
    }
}
