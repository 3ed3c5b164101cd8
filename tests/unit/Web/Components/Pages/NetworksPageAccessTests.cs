using Bunit;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Auth;
using Multinet.Web.Components.Layout;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Pages;

/// <summary>What the Networks page offers each role: the buttons a user may not use are disabled and say why.</summary>
public sealed class NetworksPageAccessTests() : WebTestContext(TimeProvider.System)
{
    [Fact]
    public void Viewer_CreateEditDelete_AreDisabledWithTheReason()
    {
        SignIn("vera", ConsoleRoles.Viewer);
        Live.UpsertNetwork(TestNetworks.Blue());

        var cut = Render<NetworksPage>();

        foreach (var button in new[] { "new-network", "network-edit", "network-delete" })
        {
            var element = cut.Find($"[data-testid={button}]");
            Assert.True(element.HasAttribute("disabled"), button);
            Assert.Equal("You are signed in as vera (viewer): changes need the operator role.", element.GetAttribute("title"));
        }
    }

    [Fact]
    public void OperatorLimitedToANamespace_CannotChangeClusterWideNetworks()
    {
        SignIn("otto", ConsoleRoles.Operator, "team-a");
        Live.UpsertNetwork(TestNetworks.Blue());

        var cut = Render<NetworksPage>();

        Assert.True(cut.Find("[data-testid=network-edit]").HasAttribute("disabled"));
        Assert.Contains("only in namespace team-a", cut.Find("[data-testid=new-network]").GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_MayUseEveryButton()
    {
        SignIn("olga", ConsoleRoles.Operator);
        Live.UpsertNetwork(TestNetworks.Blue());

        var cut = Render<NetworksPage>();

        Assert.All(cut.FindAll("[data-testid=new-network], [data-testid=network-edit], [data-testid=network-delete]"), b => Assert.False(b.HasAttribute("disabled")));
    }

    [Fact]
    public void UserMenu_SaysWhoIsSignedInWithWhichRole()
    {
        SignIn("olga", ConsoleRoles.Operator);

        var cut = Render<UserMenu>();

        Assert.Equal("olga (operator)", cut.Find("[data-testid=user-menu-open]").TextContent.Trim());
    }
}
