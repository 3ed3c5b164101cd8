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
}
