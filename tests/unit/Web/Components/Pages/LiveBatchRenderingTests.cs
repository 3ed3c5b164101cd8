using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Cluster;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>
/// Agents re-send their counters every second. A page whose view those counters do not touch (the Network's nodes, the
/// pod interfaces, the Networks list) does not render for them, so a hundred open pages do not rebuild their tables each
/// second; nor do the memif and NAD pages render for changes outside what they show. What a page shows still renders as
/// soon as it changes. Each step waits until the page has shown the live batch.
/// </summary>
public sealed class LiveBatchRenderingTests() : WebTestContext(TimeProvider.System)
{
    [Fact]
    public async Task NetworkNodesTab_TunnelCountersMove_NoRender_AVrfError_Renders()
    {
        TwoNodesOnBlue();
        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));
        var renders = cut.RenderCount;

        await ShownAsync(cut, () => Live.NodeDelta("node-1", NodeReportDelta.Empty with { Tunnels = new([SampleInventory.Tunnel("blue", "node-2", rxPackets: 5_000)], []) }));
        Assert.Equal(renders, cut.RenderCount);

        await ShownAsync(cut, () => Live.NodeDelta("node-2", new NodeReportDelta([new VrfStatus("blue", 56, VrfState.Error, "table 56 is held", 1, null)], [])));
        Assert.True(cut.RenderCount > renders);
        Assert.Equal("table 56 is held", cut.Find("[data-testid=network-node-row][data-node=node-2]").QuerySelectorAll("td")[4].TextContent.Trim());
        Assert.Equal("1 / 2 nodes applied", cut.Find("[data-testid=network-ready]").TextContent.Trim());
    }

    [Fact]
    public async Task NetworkMeshTab_TunnelCountersMove_Renders_TheCellsCarryThem()
    {
        TwoNodesOnBlue();
        Services.GetRequiredService<NavigationManager>().NavigateTo("networks/blue?tab=mesh");
        var cut = Render<NetworkDetailPage>(p => p.Add(x => x.Name, "blue"));
        var renders = cut.RenderCount;

        await ShownAsync(cut, () => Live.NodeDelta("node-1", NodeReportDelta.Empty with { Tunnels = new([SampleInventory.Tunnel("blue", "node-2", rxPackets: 5_000)], []) }));

        Assert.True(cut.RenderCount > renders);
        Assert.Contains("5,000", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pods_MemifCountersMove_NoRender_ALinkGoesDown_Renders()
    {
        Live.NodeConnected("node-1", "Simulated", "1.0");
        Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 0)] });
        var cut = Render<PodsPage>();
        var renders = cut.RenderCount;

        await ShownAsync(cut, () => Live.NodeDelta("node-1", NodeReportDelta.Empty with { Memifs = new([SampleInventory.Memif("pod-a", rxPackets: 9_000)], []) }));
        Assert.Equal(renders, cut.RenderCount);

        await ShownAsync(cut, () => Live.NodeDelta("node-1", NodeReportDelta.Empty with { Memifs = new([SampleInventory.Memif("pod-a", rxPackets: 9_000, up: false)], []) }));
        Assert.True(cut.RenderCount > renders);
        Assert.Contains("down", cut.Find("[data-testid=pod-row]").ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Networks_CountersMove_NoRender_ANodeApplies_Renders()
    {
        TwoNodesOnBlue();
        Live.NodeDelta("node-2", new NodeReportDelta([new VrfStatus("blue", 56, VrfState.Pending, null, 1, null)], []));
        var cut = Render<NetworksPage>();
        var renders = cut.RenderCount;

        await ShownAsync(cut, () => Live.NodeDelta("node-1", NodeReportDelta.Empty with { Tunnels = new([SampleInventory.Tunnel("blue", "node-2", rxPackets: 5_000)], []) }));
        Assert.Equal(renders, cut.RenderCount);

        await ShownAsync(cut, () => Live.NodeDelta("node-2", new NodeReportDelta([new VrfStatus("blue", 56, VrfState.Applied, null, 1, SampleInventory.AppliedAt)], [])));
        Assert.True(cut.RenderCount > renders);
        Assert.Equal("2 / 2", cut.Find("[data-testid=network-row][data-network=blue]").ParentElement!.QuerySelectorAll("td")[4].TextContent.Trim());
    }

    [Fact]
    public async Task Memif_ANetworkChanges_NoRender_CountersMove_Renders()
    {
        Live.NodeConnected("node-1", "Simulated", "1.0");
        Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 0)] });
        var cut = Render<MemifPage>();
        var renders = cut.RenderCount;

        await ShownAsync(cut, () => Live.UpsertNetwork(TestNetworks.Blue()));
        Assert.Equal(renders, cut.RenderCount);

        await ShownAsync(cut, () => Live.NodeDelta("node-1", NodeReportDelta.Empty with { Memifs = new([SampleInventory.Memif("pod-a", rxPackets: 9_000)], []) }));
        Assert.True(cut.RenderCount > renders);
        Assert.NotEqual("–", cut.Find("[data-testid=memif-rx-pps]").TextContent.Trim());
    }

    [Fact]
    public async Task Nads_ANodeReports_NoRender_ANadArrives_Renders()
    {
        Live.NodeConnected("node-1", "Simulated", "1.0");
        Live.ReplaceObjects("test", _ => new ClusterObjects { Synced = true });
        var cut = Render<NadsPage>();
        var renders = cut.RenderCount;

        await ShownAsync(cut, () => Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a")] }));
        Assert.Equal(renders, cut.RenderCount);

        await ShownAsync(cut, () => Live.ReplaceObjects("test", o => o with
        {
            Nads = LiveState.Keyed([new ClusterNad("default", "network-blue-conf", "blue", "calico", "whereabouts", null)], n => n.Key),
        }));
        Assert.True(cut.RenderCount > renders);
        Assert.Single(cut.FindAll("[data-testid=nad-row][data-nad='default/network-blue-conf']"));
    }

    /// <summary>Makes the change, then waits (60 s at most, reached only on failure) until the page has shown its live batch.</summary>
    private static async Task ShownAsync<T>(IRenderedComponent<T> cut, Action change)
        where T : LiveComponentBase
    {
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnShown() => shown.TrySetResult();
        cut.Instance.LiveBatchShown += OnShown;
        try
        {
            change();
            await shown.Task.WaitAsync(TimeSpan.FromSeconds(60), Xunit.TestContext.Current.CancellationToken);
        }
        finally
        {
            cut.Instance.LiveBatchShown -= OnShown;
        }
    }

    private void TwoNodesOnBlue()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        foreach (var (node, peer) in new[] { ("node-1", "node-2"), ("node-2", "node-1") })
        {
            Live.NodeConnected(node, "Simulated", "1.0");
            Live.NodeSnapshot(node, NodeInventory.Empty with
            {
                Vrfs = [new VrfStatus("blue", 56, VrfState.Applied, null, 1, SampleInventory.AppliedAt)],
                Tunnels = [SampleInventory.Tunnel("blue", peer)],
            });
        }
    }
}
