using Bunit;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>
/// Pages as the console prerenders them (the HTML response, before the circuit starts) and then renders them in the
/// circuit: the first rows come in the HTML, only what a screen shows of thousands, and only the circuit's page
/// subscribes to the live state, once.
/// </summary>
public sealed class PrerenderingTests() : WebTestContext(TimeProvider.System)
{
    private const int Interfaces = 500;

    private void ReportManyPods()
    {
        Live.NodeConnected("node-1", "Simulated", "1.0");
        Live.NodeSnapshot("node-1", new NodeInventory
        {
            Taps = [.. Enumerable.Range(0, Interfaces).Select(i => new TapStatus("default", $"pod-{i:D3}", "eth1", "blue", $"172.19.{i / 250}.{i % 250 + 1}/32") { LinkUp = true })],
            Memifs = [.. Enumerable.Range(0, Interfaces).Select(i => SampleInventory.Memif($"memif-{i:D3}"))],
        });
    }

    [Fact]
    public void Pods_Prerendered_ShowsTheFirstScreenOfRowsAndTheFullCounts_WithoutSubscribing()
    {
        ReportManyPods();
        Prerendering();

        var cut = Render<PodsPage>();

        var rows = cut.FindAll("[data-testid=pod-row]");
        Assert.Equal(LiveComponentBase.PrerenderedRows, rows.Count);
        Assert.Equal("default/memif-000", rows[0].GetAttribute("data-pod"));
        Assert.Contains($"{2 * Interfaces} interfaces of {2 * Interfaces} pods", cut.Find("[data-testid=pods-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Live.SubscriberCount);
    }

    [Fact]
    public void Memif_Prerendered_ShowsTheFirstScreenOfRows_WithoutSubscribing()
    {
        ReportManyPods();
        Prerendering();

        var cut = Render<MemifPage>();

        Assert.Equal(LiveComponentBase.PrerenderedRows, cut.FindAll("[data-testid=memif-row]").Count);
        Assert.Equal(0, Live.SubscriberCount);
    }

    [Fact]
    public void Nodes_Prerendered_ShowsTheNodes_WithoutSubscribing()
    {
        ReportManyPods();
        Prerendering();

        var cut = Render<NodesPage>();

        Assert.Equal("node-1", cut.Find("[data-testid=node-row]").GetAttribute("data-node"));
        Assert.Equal(0, Live.SubscriberCount);
    }

    [Fact]
    public async Task Pods_InTheCircuit_SubscribesOnce_FollowsChanges_AndLetsGoWhenClosed()
    {
        ReportManyPods();

        var cut = Render<PodsPage>();
        Assert.Equal(1, Live.SubscriberCount);

        Live.NodeConnected("node-2", "Simulated", "1.0");
        Live.NodeSnapshot("node-2", new NodeInventory { Taps = [new TapStatus("apps", "late-pod", "eth1", "blue", "172.19.9.9/32") { LinkUp = true }] });
        cut.WaitForAssertion(() => Assert.Contains($"{2 * Interfaces + 1} interfaces", cut.Find("[data-testid=pods-summary]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, Live.SubscriberCount);

        await DisposeComponentsAsync(); // awaits the page's watch loop, which ends its subscription
        Assert.Equal(0, Live.SubscriberCount);
    }
}
