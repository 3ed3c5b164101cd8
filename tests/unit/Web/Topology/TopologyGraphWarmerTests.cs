using System.Threading.Channels;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.State;
using Multinet.Web.Topology;

namespace Multinet.UnitTests.Web.Topology;

public sealed class TopologyGraphWarmerTests
{
    private static readonly TimeSpan s_ceiling = TimeSpan.FromSeconds(120); // reached only on failure

    [Fact]
    public async Task Warmer_BuildsTheDefaultViewAtStart_ThenOncePerIntervalWhileTheStateChanges_AndAPageFindsItBuilt()
    {
        var time = new SchedulingFakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var live = new LiveState(time);
        var cache = new TopologyGraphCache();
        using var warmer = new TopologyGraphWarmer(live, cache, time);
        var warmed = Channel.CreateUnbounded<LiveSnapshot>();
        warmer.Warmed += s => warmed.Writer.TryWrite(s);
        using var timeout = new CancellationTokenSource(s_ceiling);
        live.NodeConnected("node-001", "simulated", "test");

        await warmer.StartAsync(timeout.Token);
        Assert.Equal(["node-001"], (await warmed.Reader.ReadAsync(timeout.Token)).Nodes.Keys);

        // One change, so one batch of the live state (two changes in a row may come as one batch or two, the second
        // after the live state's own settle wait on this clock): the warmer hears of it at once and waits out the interval
        // since its build at start. Time moves on only once that wait exists.
        live.NodeConnected("node-002", "simulated", "test");
        await time.WaitForTimerAsync(due => due == TopologyGraphWarmer.Interval);
        time.Advance(TopologyGraphWarmer.Interval);
        var built = await warmed.Reader.ReadAsync(timeout.Token);
        Assert.Equal(["node-001", "node-002"], built.Nodes.Keys);

        // A page opened now finds the graph of the state it shows, built.
        var first = cache.Get(live.Current, TopologyQuery.Default);
        Assert.Equal(2, cache.Built);
        Assert.Contains(TopologyIds.Node("node-002"), first.Keys);

        // A change and one more within the interval: the first reaches the warmer at once (the live state's last batch is
        // an interval old) and it waits out its own interval; one build once that is over, from the newest state.
        live.NodeConnected("node-003", "simulated", "test");
        live.NodeConnected("node-004", "simulated", "test");
        await time.WaitForTimerAsync(due => due == TopologyGraphWarmer.Interval);
        time.Advance(TopologyGraphWarmer.Interval);
        Assert.Equal(4, (await warmed.Reader.ReadAsync(timeout.Token)).Nodes.Count);
        await warmer.StopAsync(CancellationToken.None);
        Assert.False(warmed.Reader.TryRead(out _));
    }
}
