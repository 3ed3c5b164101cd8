using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components;

namespace Multinet.UnitTests.Web.Components;

/// <summary>The tab a detail page shows, kept in its URL.</summary>
public sealed class QueryStringTabsTests : WebTestContext
{
    private readonly QueryStringTabs _tabs = new("nodes", "mesh", "pods");

    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

    [Theory]
    [InlineData(null, 0)]
    [InlineData("mesh", 1)]
    [InlineData("pods", 2)]
    [InlineData("nope", 0)]
    public void IndexOf_TheUrlsTab_OrTheFirstWhenAbsentOrUnknown(string? tab, int index) => Assert.Equal(index, _tabs.IndexOf(tab));

    [Fact]
    public void Select_AnotherTab_PutsItInTheUrlKeepingTheOtherParameters_AndReplacesTheHistoryEntry()
    {
        Navigation.NavigateTo("networks/blue?node=node-1");

        _tabs.Select(Navigation, 2);

        Assert.Equal("http://localhost/networks/blue?node=node-1&tab=pods", Navigation.Uri);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void Select_TheFirstTab_LeavesTabOutOfTheUrl()
    {
        Navigation.NavigateTo("networks/blue?tab=mesh");

        _tabs.Select(Navigation, 0);

        Assert.Equal("http://localhost/networks/blue", Navigation.Uri);
    }
}
