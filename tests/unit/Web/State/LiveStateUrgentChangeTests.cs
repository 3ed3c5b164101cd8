using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.State;

/// <summary>
/// While agents' counters keep the feed busy, a change an admin waits for (a node's VRF applied, a Network added) reaches
/// subscribers after <see cref="LiveState.UrgentSettle"/>, and the counters alone are still coalesced once per interval.
/// </summary>
public sealed class LiveStateUrgentChangeTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120);
    private readonly SchedulingFakeTimeProvider _time = new();
    private readonly LiveState _live;
    private ulong _counter;

    public LiveStateUrgentChangeTests() => _live = new LiveState(_time);

    [Fact]
    public async Task NodeDelta_VrfAppliedDuringCounterChurn_GoesOutWithoutWaitingForTheInterval()
    {
        await AssertUrgentDuringCounterChurnAsync(() =>
            _live.NodeDelta("node-1", new NodeReportDelta([new VrfStatus("green", 77, VrfState.Applied, null, 1, SampleInventory.AppliedAt)], [])));
        Assert.Equal(VrfState.Applied, _live.Current.Nodes["node-1"].Vrfs.Single(v => v.Network == "green").State);
    }

    [Fact]
    public Task UpsertNetwork_DuringCounterChurn_GoesOutWithoutWaitingForTheInterval() =>
        AssertUrgentDuringCounterChurnAsync(() => _live.UpsertNetwork(TestNetworks.Blue()));

    private async Task AssertUrgentDuringCounterChurnAsync(Action urgentChange)
    {
        var ct = TestContext.Current.CancellationToken;
        _live.NodeSnapshot("node-1", SampleInventory.Full());
        var subscription = _live.Subscribe(ct);
        await using var batches = subscription.Batches.GetAsyncEnumerator(ct);
        Counters();
        Assert.True(await batches.MoveNextAsync()); // leading edge
        var start = _time.GetTimestamp();

        // Counters every 10 ms: each is routine, the feed waits for the burst to settle (15 ms), which it never does.
        Counters();
        var next = batches.MoveNextAsync();
        await _time.WaitForTimerAsync(d => d == LiveState.BatchSettle);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(s_step);
            Counters();
            await _time.WaitForTimerAsync(d => d == LiveState.BatchSettle);
        }

        _time.Advance(s_step);
        urgentChange();
        await _time.WaitForTimerAsync(d => d == LiveState.UrgentSettle);
        Assert.False(next.IsCompleted);
        _time.Advance(LiveState.UrgentSettle);

        Assert.True(await next.AsTask().WaitAsync(s_ceiling, ct)); // the ceiling is reached only on failure
        Assert.Equal(5, batches.Current.Changes.Count); // the four counter reports gathered so far, and the urgent change
        Assert.Equal(TimeSpan.FromMilliseconds(45), _time.GetElapsedTime(start));
        Assert.True(_time.GetElapsedTime(start) < LiveState.BatchInterval);

        // Counters alone go on being coalesced: one batch when the interval since the last one is over.
        start = _time.GetTimestamp();
        Counters();
        next = batches.MoveNextAsync();
        await _time.WaitForTimerAsync(d => d == LiveState.BatchSettle);
        for (var i = 1; i < 10; i++)
        {
            _time.Advance(s_step);
            Counters();
            await _time.WaitForTimerAsync(d => d > TimeSpan.Zero && d <= LiveState.BatchSettle);
        }

        Assert.False(next.IsCompleted);
        _time.Advance(s_step);
        Assert.True(await next.AsTask().WaitAsync(s_ceiling, ct)); // the ceiling is reached only on failure
        Assert.Equal(10, batches.Current.Changes.Count);
        Assert.Equal(LiveState.BatchInterval, _time.GetElapsedTime(start));
    }

    /// <summary>One counter report from node-1: its memif's and a tunnel's counters moved, nothing else.</summary>
    private void Counters()
    {
        _counter++;
        _live.NodeDelta("node-1", NodeReportDelta.Empty with
        {
            Memifs = new([SampleInventory.Memif("pod-a", rxPackets: _counter)], []),
            Tunnels = new([SampleInventory.Tunnel("blue", "node-2", rxPackets: _counter)], []),
        });
    }
}
