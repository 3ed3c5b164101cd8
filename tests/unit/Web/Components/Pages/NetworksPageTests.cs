using Bunit;
using Multinet.Shared.Domain;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

public sealed class NetworksPageTests() : WebTestContext(TimeProvider.System)
{
    [Fact]
    public void Render_NoNetworks_SaysHowToCreateOne()
    {
        var cut = Render<NetworksPage>();

        Assert.Contains("kubectl apply", cut.Find("[data-testid=networks-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Networks_ShowsSpecAndNodesReady()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.UpsertNetwork(TestNetworks.Red());
        Live.NodeConnected("node-1", "Simulated", "0.1.0");
        Live.NodeConnected("node-2", "Simulated", "0.1.0");
        Live.NodeSnapshot("node-1", [new VrfStatus("blue", 56, VrfState.Applied, null, 1, DateTime.UnixEpoch)]);

        var cut = Render<NetworksPage>();

        var blue = cut.Find("[data-testid=network-row][data-network=blue]").ParentElement!;
        Assert.Equal(["blue", "56", "172.19.0.0/16", "default", "1 / 2"],
            blue.QuerySelectorAll("td").Take(5).Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void Render_NetworkAddedWhileOpen_AppearsWithoutReload()
    {
        var cut = Render<NetworksPage>();

        Live.UpsertNetwork(TestNetworks.Blue());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=network-row]")));
    }

    [Fact]
    public void Render_NetworkRemoved_RowVanishes()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.UpsertNetwork(TestNetworks.Red());
        var cut = Render<NetworksPage>();

        Live.RemoveNetwork("red");

        cut.WaitForAssertion(() => Assert.Equal(["blue"], cut.FindAll("[data-testid=network-row]").Select(r => r.GetAttribute("data-network"))));
    }
}
