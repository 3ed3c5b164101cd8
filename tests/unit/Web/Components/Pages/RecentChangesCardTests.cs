using Bunit;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Controls;
using Multinet.Web.Components.Pages;
using Multinet.Web.Timeline;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class RecentChangesCardTests : WebTestContext
{
    private static TimelineEntry Change(string kind, string name, TimelineEntryKind what, string? actor) =>
        new() { At = DateTime.UtcNow, ObjectKind = kind, Name = name, Kind = what, Actor = actor, Summary = $"{kind} {name} {what}" };

    private static TimelineEntry Result(string kind, string name, TimelineEntryKind what, string node) =>
        new() { At = DateTime.UtcNow, ObjectKind = kind, Name = name, Kind = what, Node = node, Summary = $"{what} on {node}" };

    [Fact]
    public void Overview_NoChangesYet_SaysWhatWillAppear()
    {
        var cut = Render<HomePage>();

        cut.WaitForAssertion(() => Assert.Contains("No changes recorded yet", cut.Find("[data-testid=recent-changes-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_Changes_NewestFirstWithWhoTheResultSummaryAndALinkToTheObjectsTimeline()
    {
        await Timeline.Store.AppendAsync([
            Change("Network", "blue", TimelineEntryKind.Created, "kubectl-client-side-apply"),
            Result("Network", "blue", TimelineEntryKind.Applied, "node-1"),
            Change("Service", "default/web", TimelineEntryKind.Updated, "multinet-console"),
            Result("Service", "default/web", TimelineEntryKind.Applied, "node-1"),
            Result("Service", "default/web", TimelineEntryKind.Failed, "node-2"),
            Change("NetworkPolicy", "default/allow-web", TimelineEntryKind.Deleted, null),
        ], Xunit.TestContext.Current.CancellationToken);

        var cut = Render<RecentChangesCard>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=recent-change]").Count));
        var rows = cut.FindAll("[data-testid=recent-change]");
        Assert.Equal(["default/allow-web", "default/web", "blue"], rows.Select(r => r.GetAttribute("data-name")));
        Assert.Equal(["—", "multinet-console", "kubectl-client-side-apply"], cut.FindAll("[data-testid=recent-change-actor]").Select(a => a.TextContent.Trim()));
        Assert.Equal(["no node results", "1 applied · 1 failed", "1 applied"], cut.FindAll("[data-testid=recent-change-results]").Select(a => a.TextContent.Trim()));
        Assert.Equal("timeline?name=default%2Fweb&object=Service", cut.FindAll("[data-testid=recent-change-link]")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task NewChangeStored_WhileTheOverviewIsOpen_AppearsWithoutReload()
    {
        var cut = Render<HomePage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=recent-changes-empty]"));

        await Timeline.Store.AppendAsync([Change("NetworkAttachmentDefinition", "default/blue-conf", TimelineEntryKind.Created, "kubectl-create")],
            Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => Assert.Equal("default/blue-conf", cut.Find("[data-testid=recent-change]").GetAttribute("data-name")));
        Assert.Contains("NAD default/blue-conf", cut.Find("[data-testid=recent-change-link]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MoreThanTheCardHolds_ShowsOnlyTheLatest()
    {
        await Timeline.Store.AppendAsync([.. Enumerable.Range(0, RecentChangesCard.Count + 3).Select(i => Change("Network", $"n{i}", TimelineEntryKind.Created, "kubectl"))],
            Xunit.TestContext.Current.CancellationToken);

        var cut = Render<RecentChangesCard>();

        cut.WaitForAssertion(() => Assert.Equal(RecentChangesCard.Count, cut.FindAll("[data-testid=recent-change]").Count));
        Assert.Equal($"n{RecentChangesCard.Count + 2}", cut.Find("[data-testid=recent-change]").GetAttribute("data-name"));
    }
}
