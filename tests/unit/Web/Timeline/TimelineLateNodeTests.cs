using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Timeline;

/// <summary>Nodes that join after a change: their results join the change's entry while its results are awaited.</summary>
public sealed class TimelineLateNodeTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TimelineTestStore _db = new();
    private readonly LiveState _live;

    public TimelineLateNodeTests() => _live = new LiveState(_time);

    public void Dispose() => _db.Dispose();

    private TimelineRecorder NewRecorder() =>
        new(_live, _db.Store, Options.Create(new TimelineOptions { ResultTimeoutSeconds = 60 }), _time, NullLogger<TimelineRecorder>.Instance);

    private List<TimelineEntry> NodeReport(TimelineRecorder recorder, string node) =>
        recorder.Observe(_live.Current, [new LiveChange(LiveChangeKind.NodeUpserted, node, 0)]);

    [Fact]
    public async Task Observe_NodeJoinsWhileResultsAreAwaited_ItsResultJoinsTheChangeMarkedAsLate()
    {
        var recorder = NewRecorder();
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", 1, "1"));
        var change = recorder.Observe(_live.Current, null);
        _time.Advance(TimeSpan.FromSeconds(5));
        _live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, _time.GetUtcNow().UtcDateTime)]);
        var first = NodeReport(recorder, "node-1");

        _time.Advance(TimeSpan.FromSeconds(10));
        _live.NodeConnected("node-4", "Simulated", "1.0"); // was not there when blue was created
        var joined = NodeReport(recorder, "node-4");
        _time.Advance(TimeSpan.FromMilliseconds(300));
        _live.NodeSnapshot("node-4", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, _time.GetUtcNow().UtcDateTime)]);
        var late = NodeReport(recorder, "node-4");

        Assert.Empty(joined);
        Assert.Equal("Applied on node-1 in 5000 ms (generation 1)", Assert.Single(first).Summary);
        var result = Assert.Single(late);
        Assert.Equal((TimelineEntryKind.Applied, "node-4", 300.0), (result.Kind, result.Node, result.DurationMs));
        Assert.Equal("Applied on node-4 in 300 ms (generation 1) (joined after the change)", result.Summary);

        await _db.Store.AppendAsync([.. change, .. first, .. late], TestContext.Current.CancellationToken);
        var groups = TimelineGroup.Group(await _db.Store.QueryAsync(new TimelineQuery { Name = "blue" }, TestContext.Current.CancellationToken));
        var group = Assert.Single(groups);
        Assert.Equal(TimelineEntryKind.Created, group.Entry.Kind);
        Assert.Equal(["node-1", "node-4"], group.Results.Select(r => r.Node));
        Assert.Equal("2 applied", group.ResultSummary);
    }

    [Fact]
    public void Expire_LateNodeThatNeverApplies_IsRecordedNotAppliedAndMarkedAsLate()
    {
        var recorder = NewRecorder();
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", 1, "1"));
        recorder.Observe(_live.Current, null);
        _time.Advance(TimeSpan.FromSeconds(30));
        _live.NodeConnected("node-4", "Simulated", "1.0");
        NodeReport(recorder, "node-4");

        _time.Advance(TimeSpan.FromSeconds(30));
        var atChangeTimeout = recorder.Expire();
        _time.Advance(TimeSpan.FromSeconds(30));
        var atLateTimeout = recorder.Expire();

        Assert.Equal("node-1", Assert.Single(atChangeTimeout).Node);
        var late = Assert.Single(atLateTimeout);
        Assert.Equal((TimelineEntryKind.NotApplied, "node-4"), (late.Kind, late.Node));
        Assert.EndsWith(TimelineRecorder.LateNote, late.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_NodeJoinsAfterTheTimeout_IsNotAwaitedForThatChange()
    {
        var recorder = NewRecorder();
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", 1, "1"));
        recorder.Observe(_live.Current, null);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Single(recorder.Expire());

        _live.NodeConnected("node-4", "Simulated", "1.0");
        NodeReport(recorder, "node-4");

        Assert.Equal(0, recorder.PendingCount);
    }

    [Fact]
    public void Observe_AwaitedNodeReconnects_IsNotAwaitedTwice()
    {
        var recorder = NewRecorder();
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.UpsertNetwork(TestNetworks.Make("blue", 56, "172.19.0.0/16", 1, "1"));
        recorder.Observe(_live.Current, null);
        _live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, _time.GetUtcNow().UtcDateTime)]);
        Assert.Single(NodeReport(recorder, "node-1"));

        _live.NodeDisconnected("node-1");
        NodeReport(recorder, "node-1");
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, _time.GetUtcNow().UtcDateTime)]);

        Assert.Empty(NodeReport(recorder, "node-1"));
        Assert.Equal(0, recorder.PendingCount);
    }
}
