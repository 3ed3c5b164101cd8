using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Multinet.UnitTests.TestSupport;
using Multinet.Web.Components.Layout;
using Multinet.Web.Components.Pages;

namespace Multinet.UnitTests.Web.Components.Layout;

public sealed class MainLayoutTests() : WebTestContext(TimeProvider.System)
{
    private static readonly RenderFragment s_body = builder => builder.AddContent(0, "page");

    [Fact]
    public void Render_DarkModeRememberedInTheBrowser_StartsDark()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "multinet.darkMode").SetResult("true");

        var cut = Render<MainLayout>(p => p.Add(x => x.Body, s_body));

        cut.WaitForAssertion(() => Assert.Equal("Switch to light mode", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("aria-label")));
    }

    [Fact]
    public void ToggleDarkMode_RemembersTheChoice()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, s_body));

        cut.Find("[data-testid=dark-mode-toggle]").Click();

        var write = JSInterop.VerifyInvoke("localStorage.setItem");
        Assert.Equal(["multinet.darkMode", "true"], write.Arguments);
        Assert.Equal("Switch to light mode", cut.Find("[data-testid=dark-mode-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Pause_ChangesWaitUntilResume_ThenShowAtOnce()
    {
        var layout = Render<MainLayout>(p => p.Add(x => x.Body, s_body));
        var page = Render<NetworksPage>();
        layout.Find("[data-testid=live-pause]").Click();
        Assert.NotEmpty(layout.FindAll("[data-testid=live-paused]"));

        Live.UpsertNetwork(TestNetworks.Blue());

        layout.WaitForAssertion(() => Assert.Contains("1 changes arrived since", layout.Find("[data-testid=live-paused]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=network-row]"));

        layout.Find("[data-testid=live-pause]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=network-row]")));
        Assert.Empty(layout.FindAll("[data-testid=live-paused]"));
    }

    [Fact]
    public void Render_KubernetesApiLost_SaysSoAndKeepsTheLastData()
    {
        Live.UpsertNetwork(TestNetworks.Blue());
        Live.SetClusterConnection(false, "connection refused");

        var layout = Render<MainLayout>(p => p.Add(x => x.Body, s_body));

        Assert.Contains("The Kubernetes API cannot be reached (connection refused)", layout.Find("[data-testid=cluster-disconnected]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashShortcut_OpensSearch_EnterGoesToTheFirstHit()
    {
        Live.UpsertNetwork(TestNetworks.Red());
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, s_body));

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("search"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=search-dialog] input"));
        cut.Find("[data-testid=search-dialog] input").Input("88");
        cut.WaitForAssertion(() => Assert.Equal("red", cut.Find("[data-testid=search-result]").GetAttribute("data-title")));
        cut.Find("[data-testid=search-dialog] input").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.EndsWith("/networks/red", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=search-dialog]")));
    }

    [Fact]
    public async Task QuestionMarkShortcut_ListsEveryShortcut()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, s_body));

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("help"));

        cut.WaitForAssertion(() => Assert.Equal(Multinet.Web.Search.Shortcuts.All.Count, cut.FindAll("[data-testid=shortcut-row]").Count));
        Assert.Contains("g t", cut.Find("[data-testid=shortcuts-dialog]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoShortcut_NavigatesAndPauseShortcutPauses()
    {
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, s_body));

        await cut.InvokeAsync(() => cut.Instance.OnShortcut("go:t"));
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("pause"));

        Assert.EndsWith("/timeline", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.True(Updates.Paused);
    }
}
