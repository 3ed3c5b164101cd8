using Microsoft.Extensions.Time.Testing;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.State;

/// <summary>Heartbeats of reporting nodes move their last-seen time without waking subscribers; those of a silent node do.</summary>
public sealed class LiveStateHeartbeatTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly LiveState _live;

    public LiveStateHeartbeatTests() => _live = new LiveState(_time);

    [Fact]
    public async Task NodeSeen_ConnectedNode_MovesLastSeenWithoutABatch()
    {
        var ct = TestContext.Current.CancellationToken;
        _live.NodeConnected("node-1", "Simulated", "1.0");
        var subscription = _live.Subscribe(ct);
        await using var batches = subscription.Batches.GetAsyncEnumerator(ct);
        var version = _live.Current.Version;

        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 200; i++)
        {
            _live.NodeSeen("node-1");
        }

        Assert.Equal(_time.GetUtcNow().UtcDateTime, _live.Current.Nodes["node-1"].LastSeen);
        Assert.Equal(version, _live.Current.Version);
        var next = batches.MoveNextAsync();
        _time.Advance(LiveState.BatchInterval * 10);
        Assert.False(next.IsCompleted);

        _live.NodeDisconnected("node-1"); // the next real change still arrives, alone
        Assert.True(await next);
        Assert.Equal([new LiveChange(LiveChangeKind.NodeUpserted, "node-1", version + 1)], batches.Current.Changes);
    }

    [Fact]
    public async Task NodeSeen_StaleNode_IsAChangeThatClearsStale()
    {
        var ct = TestContext.Current.CancellationToken;
        _live.NodeConnected("node-1", "Simulated", "1.0");
        _live.MarkStale(_time.GetUtcNow().UtcDateTime.AddSeconds(1));
        Assert.True(_live.Current.Nodes["node-1"].Stale);
        var subscription = _live.Subscribe(ct);
        await using var batches = subscription.Batches.GetAsyncEnumerator(ct);

        _live.NodeSeen("node-1");

        Assert.True(await batches.MoveNextAsync());
        Assert.Equal("node-1", Assert.Single(batches.Current.Changes).Name);
        Assert.False(batches.Current.Snapshot.Nodes["node-1"].Stale);
    }
}
