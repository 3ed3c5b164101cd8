using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.UnitTests.Web.Timeline;
using Multinet.Web.Components.Pages;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class TimelinePageTests : WebTestContext
{
    private readonly TimelineTestStore _db = new();

    public TimelinePageTests() => Services.AddSingleton(_db.Store);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _db.Dispose();
    }

    private Task SeedAsync() => _db.Store.AppendAsync([
        new TimelineEntry { At = DateTime.UtcNow, Name = "blue", Kind = TimelineEntryKind.Created, Actor = "kubectl-client-side-apply", Summary = "Network blue created: VNI 56, range 172.19.0.0/16" },
        new TimelineEntry { At = DateTime.UtcNow, Name = "blue", Kind = TimelineEntryKind.Updated, Actor = "multinet-console", Summary = "Network blue edited: vni 56 → 57", Diff = "- vni: 56\n+ vni: 57\n  range: 172.19.0.0/16" },
        new TimelineEntry { At = DateTime.UtcNow, Name = "blue", Kind = TimelineEntryKind.Failed, Node = "node-2", Error = "out of FIB memory", Summary = "Failed on node-2: out of FIB memory" },
    ], Xunit.TestContext.Current.CancellationToken);

    [Fact]
    public void Render_NoHistory_SaysWhatWillAppear()
    {
        var cut = Render<TimelinePage>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing has happened yet", cut.Find("[data-testid=timeline-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_History_NewestFirstWithWhoAndTheColouredDiff()
    {
        await SeedAsync();

        var cut = Render<TimelinePage>();

        cut.WaitForAssertion(() => Assert.Equal(["Failed", "Updated", "Created"], cut.FindAll("[data-testid=timeline-row]").Select(r => r.GetAttribute("data-kind"))));
        var diff = cut.Find("[data-testid=timeline-diff]");
        Assert.Equal("- vni: 56", diff.QuerySelector(".mn-diff-del")!.TextContent.Trim());
        Assert.Equal("+ vni: 57", diff.QuerySelector(".mn-diff-add")!.TextContent.Trim());
        Assert.Contains("multinet-console", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_KindAndNodeInTheUrl_ShowsOnlyMatchingEntries()
    {
        await SeedAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("timeline?kind=Failed&node=node-2");

        var cut = Render<TimelinePage>();

        cut.WaitForAssertion(() => Assert.Equal(["Failed"], cut.FindAll("[data-testid=timeline-row]").Select(r => r.GetAttribute("data-kind"))));
        Assert.Contains("node-2", cut.Find("[data-testid=timeline-node-filter]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewEntryStored_WhileOpen_AppearsWithoutReload()
    {
        var cut = Render<TimelinePage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=timeline-empty]"));

        await SeedAsync();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=timeline-row]").Count));
    }
}
