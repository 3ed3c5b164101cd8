using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Controls;

namespace Multinet.UnitTests.Web.Components.Controls;

/// <summary>
/// The Pods page's filters (200 node links at scale) render again only when their values, their selection or the URL
/// changed: a live update of the page leaves them as they are; choosing a filter updates every link to keep the others.
/// </summary>
public sealed class PodsFilterLinksTests() : WebTestContext(TimeProvider.System)
{
    private static readonly IReadOnlyList<string> s_nodes = [.. Enumerable.Range(0, 200).Select(i => $"node-{i:D3}")];

    [Fact]
    public void SameValuesSelectionAndUrl_NoRenderAgain()
    {
        var cut = Render<FilterLinks>(p => p.Add(x => x.Label, "Node").Add(x => x.Parameter, "node").Add(x => x.Values, s_nodes));
        Assert.Equal(201, cut.FindAll("[data-testid=filter-value], [data-testid=filter-all]").Count);
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.Values, s_nodes));

        Assert.Equal(renders, cut.RenderCount);
    }

    [Fact]
    public void AValueSelected_ItIsTheFilledChip()
    {
        var cut = Render<FilterLinks>(p => p.Add(x => x.Label, "Node").Add(x => x.Parameter, "node").Add(x => x.Values, s_nodes));

        cut.Render(p => p.Add(x => x.Selected, "node-007"));

        Assert.Contains("mud-chip-filled", cut.Find("[data-testid=filter-value][data-value=node-007]").ClassList);
        Assert.Contains("mud-chip-text", cut.Find("[data-testid=filter-all]").ClassList);
        Assert.Single(cut.FindAll(".mud-chip-filled"));
    }

    [Fact]
    public void AnotherFilterChosen_TheLinksKeepIt()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("pods");
        var cut = Render<FilterLinks>(p => p.Add(x => x.Label, "Node").Add(x => x.Parameter, "node").Add(x => x.Values, s_nodes));
        Assert.EndsWith("/pods?node=node-001", cut.Find("[data-value=node-001] a").GetAttribute("href"), StringComparison.Ordinal);

        navigation.NavigateTo("pods?network=net-03");
        cut.Render(p => p.Add(x => x.Values, s_nodes));

        Assert.EndsWith("/pods?network=net-03&node=node-001", cut.Find("[data-value=node-001] a").GetAttribute("href"), StringComparison.Ordinal);
        Assert.EndsWith("/pods?network=net-03", cut.Find("[data-testid=filter-all] a").GetAttribute("href"), StringComparison.Ordinal);
    }
}
