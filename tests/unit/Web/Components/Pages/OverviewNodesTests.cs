using Bunit;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class OverviewNodesTests : WebTestContext
{
    [Fact]
    public void Render_ConnectedButSilentNode_OverviewCountsAndNamesIt()
    {
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        Live.NodeConnected("node-2", "Simulated", "0.1.0");
        var cut = Render<HomePage>();
        Assert.Empty(cut.FindAll("[data-testid=overview-nodes-stale]"));

        Live.MarkStale(DateTime.UtcNow.AddMinutes(1));

        cut.WaitForAssertion(() => Assert.Equal("2 stale: node-1, node-2", cut.Find("[data-testid=overview-nodes-stale]").TextContent.Trim()));
    }
}
