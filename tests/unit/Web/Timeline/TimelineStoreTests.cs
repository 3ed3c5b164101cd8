using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Timeline;

public sealed class TimelineStoreTests : IDisposable
{
    private readonly TimelineTestStore _db = new();

    public void Dispose() => _db.Dispose();

    private static TimelineEntry Entry(string name, TimelineEntryKind kind, string? node = null, string summary = "s") =>
        new() { At = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc), Name = name, Kind = kind, Node = node, Summary = summary };

    [Fact]
    public async Task Query_Filters_CombineAndComeNewestFirst()
    {
        await _db.Store.AppendAsync([
            Entry("blue", TimelineEntryKind.Created),
            Entry("red", TimelineEntryKind.Created),
            Entry("blue", TimelineEntryKind.Applied, "node-1"),
            Entry("blue", TimelineEntryKind.Failed, "node-2", "Failed on node-2: out of FIB memory"),
        ], TestContext.Current.CancellationToken);

        var blue = await _db.Store.QueryAsync(new TimelineQuery { Name = "blue" }, TestContext.Current.CancellationToken);
        var failures = await _db.Store.QueryAsync(new TimelineQuery { Kind = TimelineEntryKind.Failed }, TestContext.Current.CancellationToken);
        var text = await _db.Store.QueryAsync(new TimelineQuery { Text = "fib" }, TestContext.Current.CancellationToken);
        var node = await _db.Store.QueryAsync(new TimelineQuery { Name = "blue", Node = "node-1" }, TestContext.Current.CancellationToken);

        Assert.Equal([TimelineEntryKind.Failed, TimelineEntryKind.Applied, TimelineEntryKind.Created], blue.Select(e => e.Kind));
        Assert.Equal("node-2", Assert.Single(failures).Node);
        Assert.Equal("node-2", Assert.Single(text).Node);
        Assert.Equal(TimelineEntryKind.Applied, Assert.Single(node).Kind);
    }

    [Fact]
    public async Task Query_Before_PagesWithoutGapsOrRepeats()
    {
        await _db.Store.AppendAsync([.. Enumerable.Range(0, 7).Select(i => Entry($"net-{i}", TimelineEntryKind.Created))], TestContext.Current.CancellationToken);

        var first = await _db.Store.QueryAsync(new TimelineQuery { Limit = 3 }, TestContext.Current.CancellationToken);
        var second = await _db.Store.QueryAsync(new TimelineQuery { Limit = 3, Before = first[^1].Id }, TestContext.Current.CancellationToken);
        var third = await _db.Store.QueryAsync(new TimelineQuery { Limit = 3, Before = second[^1].Id }, TestContext.Current.CancellationToken);

        Assert.Equal(["net-6", "net-5", "net-4", "net-3", "net-2", "net-1", "net-0"], first.Concat(second).Concat(third).Select(e => e.Name));
    }

    [Fact]
    public async Task Append_PastMaxEntries_KeepsOnlyTheNewest()
    {
        var store = _db.Open(maxEntries: 5);
        for (var i = 0; i < 12; i++)
        {
            await store.AppendAsync([Entry($"net-{i}", TimelineEntryKind.Created)], TestContext.Current.CancellationToken);
        }

        var all = await store.QueryAsync(new TimelineQuery { Limit = 100 }, TestContext.Current.CancellationToken);

        Assert.Equal(["net-11", "net-10", "net-9", "net-8", "net-7"], all.Select(e => e.Name));
    }

    [Fact]
    public async Task LatestSpecs_AfterReopen_GivesEachLiveNetworksNewestSpecAndForgetsDeletedOnes()
    {
        await _db.Store.AppendAsync([
            new TimelineEntry { Name = "blue", Kind = TimelineEntryKind.Created, SpecText = "vni: 56", Summary = "" },
            new TimelineEntry { Name = "blue", Kind = TimelineEntryKind.Updated, SpecText = "vni: 57", Summary = "" },
            new TimelineEntry { Name = "blue", Kind = TimelineEntryKind.Applied, Node = "node-1", Summary = "" },
            new TimelineEntry { Name = "red", Kind = TimelineEntryKind.Created, SpecText = "vni: 88", Summary = "" },
            new TimelineEntry { Name = "red", Kind = TimelineEntryKind.Deleted, Summary = "" },
        ], TestContext.Current.CancellationToken);

        var latest = await _db.Open().LatestSpecsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("vni: 57", Assert.Single(latest).Value.SpecText);
    }
}
