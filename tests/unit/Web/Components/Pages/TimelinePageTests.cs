using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class TimelinePageTests : WebTestContext
{
    private Task SeedAsync() => Timeline.Store.AppendAsync([
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
    public async Task Render_History_NewestFirstWithWhoTheColouredDiffAndTheNodeResultsUnderTheirChange()
    {
        await SeedAsync();

        var cut = Render<TimelinePage>();

        cut.WaitForAssertion(() => Assert.Equal(["Updated", "Created"], cut.FindAll("[data-testid=timeline-row]").Select(r => r.GetAttribute("data-kind"))));
        var result = Assert.Single(cut.FindAll("[data-testid=timeline-result]"));
        Assert.Equal(("Failed", "node-2"), (result.GetAttribute("data-kind"), result.GetAttribute("data-node")));
        Assert.Contains("Failed on node-2: out of FIB memory", result.TextContent, StringComparison.Ordinal);
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

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=timeline-row]").Count));
        Assert.Single(cut.FindAll("[data-testid=timeline-result]"));
    }

    private Task SeedObjectsAsync() => Timeline.Store.AppendAsync([
        new TimelineEntry { At = DateTime.UtcNow, ObjectKind = "Service", Name = "default/web", Kind = TimelineEntryKind.Created, Actor = "kubectl-client-side-apply", Summary = "Service default/web created" },
        new TimelineEntry { At = DateTime.UtcNow, ObjectKind = "Service", Name = "default/web", Kind = TimelineEntryKind.Applied, Node = "node-1", DurationMs = 12, Summary = "Applied on node-1 in 12 ms" },
        new TimelineEntry { At = DateTime.UtcNow, ObjectKind = "Service", Name = "default/web", Kind = TimelineEntryKind.NotApplied, Node = "node-2", Summary = "Not applied on node-2 within 60 s" },
        new TimelineEntry { At = DateTime.UtcNow, ObjectKind = "NetworkAttachmentDefinition", Name = "default/blue-conf", Kind = TimelineEntryKind.Created, Actor = "unknown", Summary = "NetworkAttachmentDefinition default/blue-conf created" },
        new TimelineEntry { At = DateTime.UtcNow, ObjectKind = "NetworkPolicy", Name = "default/allow-web", Kind = TimelineEntryKind.Deleted, Summary = "NetworkPolicy default/allow-web deleted" },
    ], Xunit.TestContext.Current.CancellationToken);

    [Fact]
    public async Task Render_EveryObjectKind_ShowsWhoWithADashForDeletionsAndEachNodesResult()
    {
        await SeedObjectsAsync();

        var cut = Render<TimelinePage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=timeline-row]").Count));
        Assert.Equal(["—", "unknown", "kubectl-client-side-apply"], cut.FindAll("[data-testid=timeline-actor]").Select(a => a.TextContent.Trim()));
        Assert.Equal([("Applied", "node-1"), ("NotApplied", "node-2")],
            cut.FindAll("[data-testid=timeline-result]").Select(r => (r.GetAttribute("data-kind"), r.GetAttribute("data-node"))));
    }

    [Fact]
    public async Task Render_ActorAndObjectInTheUrl_ShowsOnlyThatAuthorsChangesOfThatObject()
    {
        await SeedObjectsAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("timeline?actor=kubectl-client-side-apply&object=Service&name=default%2Fweb");

        var cut = Render<TimelinePage>();

        cut.WaitForAssertion(() => Assert.Equal(["Created"], cut.FindAll("[data-testid=timeline-row]").Select(r => r.GetAttribute("data-kind"))));
        Assert.Contains("kubectl-client-side-apply", cut.Find("[data-testid=timeline-actor-filter]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Service: default/web", cut.Find("[data-testid=timeline-name-filter]").TextContent, StringComparison.Ordinal);
    }
}
