using Microsoft.Extensions.Logging.Abstractions;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;

namespace Multinet.UnitTests.Agent.Dataplane.Vpp;

public sealed class VppDataplaneTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VppDataplane Connect(FakeVppServer vpp) => new(vpp.SocketPath, "test-agent", NullLogger<VppDataplane>.Instance);

    [Fact]
    public async Task DumpTables_FreshVpp_ReturnsBothDefaultTablesAndEndsAtControlPing()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        var tables = await dataplane.DumpTablesAsync(Token);

        Assert.Equal([new DataplaneTable(0, false, "ipv4-VRF:0"), new DataplaneTable(0, true, "ipv6-VRF:0")], tables);
        // Connecting reads the memifs and their socket ids first (a socket id no memif uses is released), then the tables.
        Assert.Equal(["sockclnt_create", "memif_dump", "control_ping", "memif_socket_filename_dump", "control_ping", "ip_table_dump", "control_ping"], vpp.Received);
    }

    [Fact]
    public async Task AddAndDeleteTable_ChangeVppsTablesAndDumpBack()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        await dataplane.AddTableAsync(new DataplaneTable(56, false, "multinet:blue"), Token);
        await dataplane.AddTableAsync(new DataplaneTable(77, true, "multinet:green"), Token);
        await dataplane.DeleteTableAsync(new DataplaneTable(56, false, "multinet:blue"), Token);

        Assert.Contains(new DataplaneTable(77, true, "multinet:green"), await dataplane.DumpTablesAsync(Token));
        Assert.DoesNotContain(vpp.State.Tables, t => t.TableId == 56);
        Assert.Equal(3, vpp.CountOf("ip_table_add_del"));
    }

    [Fact]
    public async Task AddTable_NonZeroRetval_ThrowsWithTheErrorName()
    {
        // The fake, like SimulatedDataplane, refuses a table id already taken under another name.
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        await dataplane.AddTableAsync(new DataplaneTable(99, false, "multinet:blue"), Token);

        var ex = await Assert.ThrowsAsync<DataplaneException>(() => dataplane.AddTableAsync(new DataplaneTable(99, false, "multinet:red"), Token));

        Assert.Equal("VNET_API_ERROR_ENTRY_ALREADY_EXISTS", ex.ApiError);
        Assert.Contains("ip_table_add_del", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTable_ManyConcurrentCalls_EachGetsItsOwnReply()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);

        await Task.WhenAll(Enumerable.Range(1, 64).Select(i => dataplane.AddTableAsync(new DataplaneTable((uint)i, false, $"t{i}"), Token)));

        Assert.Equal(64 + 2, vpp.State.Tables.Count);
        Assert.Equal(1, vpp.CountOf("sockclnt_create"));
    }

    [Fact]
    public async Task AddTable_CrcMismatch_FailsClearlyWhileOtherMessagesWork()
    {
        await using var vpp = new FakeVppServer(crcOverrides: new Dictionary<string, string> { ["ip_table_add_del"] = "ip_table_add_del_12345678" });
        await using var dataplane = Connect(vpp);

        var ex = await Assert.ThrowsAsync<VppApiException>(() => dataplane.AddTableAsync(new DataplaneTable(56, false, "multinet:blue"), Token));

        Assert.Contains("CRC mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ip_table_add_del_12345678", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await dataplane.DumpTablesAsync(Token)).Count);
        Assert.Equal(0, vpp.CountOf("ip_table_add_del"));
    }

    [Fact]
    public async Task AddTable_Cancelled_ThrowsAndLeavesTheConnectionUsable()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var arrived = vpp.Silence("ip_table_add_del");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = dataplane.AddTableAsync(new DataplaneTable(56, false, "multinet:blue"), cts.Token);
        await arrived;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(2, (await dataplane.DumpTablesAsync(Token)).Count);
        Assert.Equal(1, vpp.CountOf("sockclnt_create"));
    }

    [Fact]
    public async Task Calls_VppRestarted_PendingCallFailsAndTheNextReconnects()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = Connect(vpp);
        var arrived = vpp.Silence("ip_table_add_del");
        var call = dataplane.AddTableAsync(new DataplaneTable(56, false, "multinet:blue"), Token);
        await arrived;

        await vpp.DropClientsAsync();

        await Assert.ThrowsAsync<VppApiException>(() => call);
        Assert.Equal(2, (await dataplane.DumpTablesAsync(Token)).Count);
        Assert.Equal(2, vpp.CountOf("sockclnt_create"));
    }

    [Fact]
    public async Task DumpTables_LongNodeName_ConnectsWithTheNameCutToTheField()
    {
        await using var vpp = new FakeVppServer();
        await using var dataplane = new VppDataplane(vpp.SocketPath, "multinet-agent-" + new string('n', 200), NullLogger<VppDataplane>.Instance);

        Assert.Equal(2, (await dataplane.DumpTablesAsync(Token)).Count);
    }

    [Fact]
    public async Task DumpTables_NoVpp_FailsNamingTheSocket()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-vpp-{Guid.NewGuid():N}.sock");
        await using var dataplane = new VppDataplane(path, "test-agent", NullLogger<VppDataplane>.Instance);

        var ex = await Assert.ThrowsAsync<VppApiException>(() => dataplane.DumpTablesAsync(Token));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
