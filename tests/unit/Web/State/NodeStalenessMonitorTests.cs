using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Configuration;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.State;

public sealed class NodeStalenessMonitorTests
{
    [Fact]
    public async Task Tick_AgentSilentLongerThanStaleAfter_MarksItsNodeStaleUntilItSpeaksAgain()
    {
        var clock = new FakeTimeProvider();
        var live = new LiveState(clock);
        live.NodeConnected("node-1", "Simulated", "1.0.0");
        live.NodeConnected("node-2", "Simulated", "1.0.0");
        using var monitor = new NodeStalenessMonitor(live, Options.Create(new MultinetOptions { StaleAfter = TimeSpan.FromSeconds(20) }), clock);
        await monitor.StartAsync(TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromSeconds(10));
        live.NodeSeen("node-2");
        clock.Advance(TimeSpan.FromSeconds(12));

        var snapshot = await live.WaitForAsync(s => s.Nodes["node-1"].Stale);
        Assert.False(snapshot.Nodes["node-2"].Stale);
        live.NodeSeen("node-1");
        Assert.False(live.Current.Nodes["node-1"].Stale);
        await monitor.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void MarkStale_DisconnectedNode_IsLeftAsDisconnected()
    {
        var live = new LiveState(TimeProvider.System);
        live.NodeConnected("node-1", "Simulated", "1.0.0");
        live.NodeDisconnected("node-1");

        live.MarkStale(DateTime.UtcNow.AddMinutes(1));

        Assert.False(live.Current.Nodes["node-1"].Stale);
    }
}
