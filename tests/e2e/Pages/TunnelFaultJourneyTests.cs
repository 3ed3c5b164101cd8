using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// A tunnel going down in the browser, on a console of its own (the seeded demo, three simulated nodes): the admin takes
/// a blue tunnel down from the node page's fault injection, and the topology page (graph edge, computed answer, probe)
/// follows; brought back up, everything is green again.
/// </summary>
public sealed partial class TunnelFaultJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] s_candidates = ["myapp-1", "myapp-2", "memif-pod"];

    private WebProcess _web = null!;
    private IBrowserContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _web = await WebProcess.StartAsync(["--Multinet:SimulatedNodes", "3", "--Multinet:SeedDemo", "true"], cancellationToken: TestContext.Current.CancellationToken);
        _context = await browser.Browser.NewSignedInContextAsync(_web, TestContext.Current.CancellationToken,
            new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        _context.SetDefaultTimeout(BrowserFixture.Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _web.DisposeAsync();
    }

    private static Task WaitForGraphAsync(IPage page, string condition) =>
        page.WaitForFunctionAsync($"() => {{ const cy = document.querySelector('[data-testid=topology-canvas]')?.topology; return !!cy && ({condition}); }}",
            null, new() { Timeout = BrowserFixture.Patience });

    private static async Task AskAsync(IPage page, string from, string to)
    {
        await ChooseAsync(page, "reach-from", from);
        await ChooseAsync(page, "reach-to", to);
    }

    /// <summary>
    /// Types an endpoint and takes it with Tab once the autocomplete lists it, as a user waits for the list: on a loaded
    /// machine the search answers after the keystrokes, and a Tab before it took nothing.
    /// </summary>
    private static async Task ChooseAsync(IPage page, string testId, string value)
    {
        var box = page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
        await box.FillAsync(value);
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = value, Exact = true }).First).ToBeVisibleAsync();
        await box.PressAsync("Tab");
    }

    [Fact]
    public async Task TakeABlueTunnelDown_TheEdgeTurnsRed_TheAnswerBreaksAtIt_TheProbeGetsNoReply_ThenBackUp()
    {
        var page = await _context.NewPageAsync();
        await page.OpenAsync("/topology?open=blue");
        await WaitForGraphAsync(page, "cy.edges('.tunnel.up').length === 3"); // blue expanded: its tunnels drawn, its pods counted per node

        // A pair of blue pods on two nodes: its path crosses a tunnel.
        string? tunnel = null;
        foreach (var candidate in s_candidates)
        {
            await AskAsync(page, "pod/default/samplepod@blue", $"pod/default/{candidate}@blue");
            await Expect(page.GetByTestId("reach-verdict")).ToHaveAttributeAsync("data-verdict", "Reachable");
            await Expect(page.Locator($"[data-testid=reach-hop][data-id='if:default/{candidate}/blue']").First).ToBeVisibleAsync();
            var hop = page.Locator("[data-testid=reach-hop][data-id^='tunnel:']");
            if (await hop.CountAsync() > 0)
            {
                tunnel = await hop.First.GetAttributeAsync("data-id");
                break;
            }
        }

        Assert.True(tunnel is not null, "samplepod and every other blue pod of the demo are on one node: no path crosses a tunnel.");
        var ends = TunnelId().Match(tunnel);
        var (node, peer) = (ends.Groups["a"].Value, ends.Groups["b"].Value);
        await page.GetByTestId("reach-probe").ClickAsync();
        await Expect(page.GetByTestId("reach-probe-result")).ToHaveAttributeAsync("data-received", "3");
        await Expect(page.GetByTestId("reach-probe-result")).ToContainTextAsync("probed: 3/3 replies at");

        // The admin cuts it on the node page (a second tab), as a broken underlay would.
        var nodePage = await _context.NewPageAsync();
        await nodePage.OpenAsync($"/nodes/{node}");
        var toggle = nodePage.Locator($"[data-testid=sim-tunnel-toggle][data-key='blue/{peer}']");
        await Expect(toggle).ToHaveAttributeAsync("data-up", "true");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-up", "false");

        await WaitForGraphAsync(page, $"cy.getElementById('{tunnel}').hasClass('down') && cy.getElementById('{tunnel}').style('line-color') === 'rgb(213,0,0)'");
        await Expect(page.GetByTestId("reach-verdict")).ToHaveAttributeAsync("data-verdict", "NotReachable");
        await Expect(page.Locator("[data-first-broken]")).ToHaveAttributeAsync("data-id", tunnel);
        await page.GetByTestId("reach-probe").ClickAsync();
        await Expect(page.GetByTestId("reach-probe-result")).ToHaveAttributeAsync("data-received", "0");
        await Expect(page.GetByTestId("reach-probe-detail")).ToContainTextAsync("is down");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topology-tunnel-down.png"), FullPage = true });

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-up", "true");
        await WaitForGraphAsync(page, $"cy.getElementById('{tunnel}').hasClass('up') && cy.edges('.tunnel.up').length === 3");
        await Expect(page.GetByTestId("reach-verdict")).ToHaveAttributeAsync("data-verdict", "Reachable");
        await page.GetByTestId("reach-probe").ClickAsync();
        await Expect(page.GetByTestId("reach-probe-result")).ToHaveAttributeAsync("data-received", "3");
    }

    [GeneratedRegex("^tunnel:blue/(?<a>[^/]+)/(?<b>[^/]+)$")]
    private static partial Regex TunnelId();
}
