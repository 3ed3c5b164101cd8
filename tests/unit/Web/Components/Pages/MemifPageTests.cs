using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;
using Multinet.Web.State;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class MemifPageTests : WebTestContext
{
    /// <summary>The live state's clock: it dates the reports (rates) and paces the page's batches.</summary>
    private readonly SchedulingFakeTimeProvider _clock;

    public MemifPageTests()
        : this(new SchedulingFakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)))
    {
    }

    private MemifPageTests(SchedulingFakeTimeProvider clock)
        : base(clock) => _clock = clock;

    [Fact]
    public void Render_TwoReports_ShowsRatesFromTheCounterChangeOverTheTimeBetween()
    {
        Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 1_000, rxBytes: 1_000_000)] });
        _clock.Advance(TimeSpan.FromSeconds(4));
        Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 9_000, rxBytes: 6_000_000)] });

        var cut = Render<MemifPage>();

        var row = cut.Find("[data-testid=memif-row]");
        Assert.Equal("2 kpps", row.QuerySelector("[data-testid=memif-rx-pps]")!.TextContent.Trim());
        Assert.Equal("0 pps", row.QuerySelector("[data-testid=memif-tx-pps]")!.TextContent.Trim());
        Assert.Equal("1.25 MB/s", row.QuerySelector("[data-testid=memif-rx-bps]")!.TextContent.Trim());
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["node-1", "default/pod-a", "memif1", "blue", "02:fe:00:00:00:09", "/run/vpp/memif-pod-a.sock", "master / ethernet", "2/2", "up"], cells.Take(9));
        Assert.Equal("3", cells[^1]);
    }

    [Fact]
    public void Render_SeveralReports_DrawsTheRxRateOfEachInASmallChart()
    {
        ulong packets = 0;
        for (var i = 0; i < 4; i++)
        {
            packets += (ulong)(i + 1) * 1_000;
            Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: packets)] });
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var cut = Render<MemifPage>();

        var chart = cut.Find("[data-testid=memif-row] [data-testid=sparkline]");
        Assert.Equal("3", chart.GetAttribute("data-points"));
        Assert.EndsWith("2000, 3000, 4000", chart.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneReportOnly_ShowsNoRateYet()
    {
        Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a")] });

        var cut = Render<MemifPage>();

        Assert.Equal("–", cut.Find("[data-testid=memif-rx-pps]").TextContent.Trim());
    }

    [Fact]
    public void Render_FiltersInTheUrl_ShowOnlyThatNodeAndNetwork()
    {
        Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a"), SampleInventory.Memif("pod-r", network: "red")] });
        Live.NodeSnapshot("node-2", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-b")] });
        Services.GetRequiredService<NavigationManager>().NavigateTo("memif?node=node-1&network=blue");

        var cut = Render<MemifPage>();

        var row = Assert.Single(cut.FindAll("[data-testid=memif-row]"));
        Assert.Equal(("node-1", "default/pod-a/memif1"), (row.GetAttribute("data-node"), row.GetAttribute("data-key")));
    }

    [Fact]
    public async Task Render_CountersMoveTenTimesWithinABatch_RatesFollowInOneOrTwoRenders()
    {
        Live.NodeSnapshot("node-1", NodeInventory.Empty with { Memifs = [SampleInventory.Memif("pod-a", rxPackets: 0)] });
        var cut = Render<MemifPage>();
        var initial = cut.RenderCount;
        // A quiet feed delivers its first change at once: one render's worth of component renders. (A heartbeat alone
        // changes no memif and renders nothing.)
        Live.NodeDelta("node-1", NodeReportDelta.Empty with { Memifs = new([SampleInventory.Memif("pod-a", rxPackets: 0)], []) });
        cut.WaitForAssertion(() => Assert.True(cut.RenderCount > initial));
        var oneRender = cut.RenderCount - initial;
        var before = cut.RenderCount;

        // Ten reports 10 ms apart, the first 5 ms after the batch just shown: all within one interval, none 15 ms after the
        // one before, so the page's feed holds them for one batch. The feed takes each report on the thread pool: the clock
        // moves on only once it has taken it and waits for the next (in real time 10 ms is an age to a feed that is not
        // starved). Moving it sooner let a starved feed see a report late, or set its wait after the step, due at a time
        // the test never reached.
        for (var i = 1UL; i <= 10; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(i == 1 ? 5 : 10));
            Live.NodeDelta("node-1", NodeReportDelta.Empty with { Memifs = new([SampleInventory.Memif("pod-a", rxPackets: i * 5)], []) });
            await _clock.WaitForTimerAsync(due => due > TimeSpan.Zero && due <= LiveState.BatchSettle);
        }

        _clock.Advance(LiveState.BatchInterval);
        cut.WaitForAssertion(() => Assert.Equal("500 pps", cut.Find("[data-testid=memif-rx-pps]").TextContent.Trim()));
        Assert.InRange(cut.RenderCount - before, 1, 2 * oneRender); // one render per delta would cost about ten times one render
    }

    [Fact]
    public void Render_ThousandsOfMemifs_RendersOnlyTheRowsInViewAndTheSummaryCountsAll()
    {
        for (var node = 0; node < 100; node++)
        {
            Live.NodeSnapshot($"node-{node:D3}", NodeInventory.Empty with { Memifs = [.. Enumerable.Range(0, 25).Select(i => SampleInventory.Memif($"pod-{node:D3}-{i:D2}"))] });
        }

        var cut = Render<MemifPage>();

        Assert.StartsWith("2500 of 2500 up", cut.Find("[data-testid=memif-summary]").TextContent.Trim(), StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=memif-row]");
        Assert.InRange(rows.Count, 1, 200);
        Assert.Equal("node-000", rows[0].GetAttribute("data-node"));
    }
}
