using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// The topology page on the seeded demo (three simulated nodes, blue and red): the graph is a canvas, so the journey
/// reads what it drew from the graph the page keeps on its container, and clicks where an element is drawn.
/// </summary>
[Collection(SeededClusterFixture.Collection)]
public sealed class TopologyJourneyTests(BrowserFixture browser, SeededClusterFixture cluster) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewSignedInContextAsync(cluster.Web, TestContext.Current.CancellationToken,
            new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, AcceptDownloads = true });
        _context.SetDefaultTimeout(BrowserFixture.Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static Task WaitForGraphAsync(IPage page, string condition) => TopologyGraphs.WaitAsync(page, condition);

    private static Task ClickElementAsync(IPage page, string id) => TopologyGraphs.ClickAsync(page, id);

    [Fact]
    public async Task OpenTopology_SeeNodesAndTunnels_ToggleALayer_SelectATunnel()
    {
        var page = await _context.NewPageAsync();
        await page.OpenAsync("/");
        await page.GetByTestId("nav-topology").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/topology$"));

        // The aggregate: three hosts, both networks, every VRF.
        await WaitForGraphAsync(page, "cy.nodes('.host.connected').length === 3 && cy.getElementById('net:blue').nonempty() && cy.getElementById('net:red').nonempty()"
            + " && cy.edges('.vrf').length === 6 && cy.getElementById('net:blue').data('label').includes('tunnels 3/3 up')");

        // Clicking blue expands it: its three tunnels, up, its service, and its pods still counted per node, not drawn.
        await ClickElementAsync(page, "net:blue");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("open=blue"));
        await WaitForGraphAsync(page, "cy.edges('.tunnel.up').length === 3 && cy.getElementById('svc:default/my-service').nonempty()"
            + " && cy.nodes('.group').length > 0 && cy.nodes('.pod').length === 0");
        await Expect(page.GetByTestId("topology-details-title")).ToHaveTextAsync("Network blue");
        await Expect(page.GetByTestId("topology-summary")).ToContainTextAsync("3 tunnels drawn (0 not up)");
        var groups = await page.GetByTestId("topology-canvas").EvaluateAsync<string[]>("c => c.topology.nodes('.group').map(n => n.id()).sort()");
        var positions = await page.GetByTestId("topology-canvas").EvaluateAsync<string>("c => JSON.stringify(c.topology.nodes().map(n => [n.id(), n.position()]))");

        // Clicking a node's group draws that node's blue pods, as many as the group counted, each on that node; nothing else moves.
        await ClickElementAsync(page, groups[0]);
        var node = groups[0]["grp:blue/".Length..];
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"groups=blue%2F{node}"));
        await WaitForGraphAsync(page, $"cy.nodes('.pod').length > 0 && cy.getElementById('{groups[0]}').hasClass('expanded')"
            + $" && cy.getElementById('{groups[0]}').data('label').startsWith(cy.nodes('.pod').length + ' pod')"
            + $" && cy.edges('.iface').every(e => e.target().id() === 'node:{node}')");
        await Expect(page.GetByTestId("topology-details-title")).ToHaveTextAsync($"blue on {node}");
        var moved = await page.GetByTestId("topology-canvas").EvaluateAsync<int>(
            "(c, before) => JSON.parse(before).filter(([id, p]) => { const q = c.topology.getElementById(id).position(); return q.x !== p.x || q.y !== p.y; }).length", positions);
        Assert.Equal(0, moved);

        // The other nodes' groups draw the rest: every blue pod on its interface, the memif one a memif.
        foreach (var group in groups.Skip(1))
        {
            await ClickElementAsync(page, group);
            await WaitForGraphAsync(page, $"cy.getElementById('{group}').hasClass('expanded')");
        }

        await WaitForGraphAsync(page, "cy.getElementById('pod:default/samplepod').nonempty() && cy.getElementById('if:default/memif-pod/blue').hasClass('memif')");

        // Hiding red takes its layer away and keeps blue's elements where they were.
        var before = await page.GetByTestId("topology-canvas").EvaluateAsync<double[]>("c => { const p = c.topology.getElementById('node:node-1').position(); return [p.x, p.y]; }");
        await page.Locator("[data-testid=topology-layer][data-network=red]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("hide=red"));
        await WaitForGraphAsync(page, "cy.getElementById('net:red').empty() && cy.edges('.vrf').length === 3 && cy.edges('.tunnel').length === 3");
        var after = await page.GetByTestId("topology-canvas").EvaluateAsync<double[]>("c => { const p = c.topology.getElementById('node:node-1').position(); return [p.x, p.y]; }");
        Assert.Equal(before, after);

        // A tunnel selected shows both ends, with links to the pages about it.
        await ClickElementAsync(page, "pod:default/samplepod");
        await Expect(page.GetByTestId("topology-details-title")).ToHaveTextAsync("Pod default/samplepod");
        await Expect(page.Locator("[data-testid=topology-details-link]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topology.png"), FullPage = true });

        // The URL is the view: opening it in a new tab draws the same.
        var shared = await _context.NewPageAsync();
        await shared.OpenAsync(page.Url);
        await WaitForGraphAsync(shared, "cy.getElementById('net:red').empty() && cy.edges('.tunnel').length === 3 && cy.$(':selected').id() === 'pod:default/samplepod'");
    }

    /// <summary>Blue expanded with every node's pods drawn (the seeded demo runs node-1 to node-3).</summary>
    private const string BlueWithPods = "/topology?open=blue&groups=blue%2Fnode-1,blue%2Fnode-2,blue%2Fnode-3";

    [Fact]
    public async Task Export_DownloadsTheViewAsSvgAndPng()
    {
        var page = await _context.NewPageAsync();
        await page.OpenAsync("/topology?open=blue");
        await WaitForGraphAsync(page, "cy.edges('.tunnel').length === 3");

        var svg = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("topology-export-svg").ClickAsync());
        var png = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("topology-export-png").ClickAsync());

        Assert.Equal(("topology.svg", "topology.png"), (svg.SuggestedFilename, png.SuggestedFilename));
        var svgText = await File.ReadAllTextAsync((await svg.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.StartsWith("<svg", svgText, StringComparison.Ordinal);
        Assert.Contains("id=\"node:node-1\"", svgText, StringComparison.Ordinal);
        Assert.Contains("id=\"tunnel:blue/node-1/node-2\"", svgText, StringComparison.Ordinal);
        var pngBytes = await File.ReadAllBytesAsync((await png.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], pngBytes[..4]);
    }

    [Fact]
    public async Task PickTwoPods_SeeThePathOnTheGraph_ThenBlueAndRed_AreIsolated()
    {
        var page = await _context.NewPageAsync();
        await page.OpenAsync(BlueWithPods);
        await WaitForGraphAsync(page, "cy.edges('.tunnel').length === 3 && cy.getElementById('pod:default/samplepod').nonempty()"
            + " && cy.getElementById('pod:default/myapp-1').nonempty()");

        var from = page.Locator("input[data-testid=reach-from], [data-testid=reach-from] input").First;
        await from.FillAsync("pod/default/samplepod@blue");
        // Tab takes the option once the autocomplete lists it: on a loaded machine the search answers after the keystrokes.
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "pod/default/samplepod@blue", Exact = true }).First).ToBeVisibleAsync();
        await from.PressAsync("Tab");
        var to = page.Locator("input[data-testid=reach-to], [data-testid=reach-to] input").First;
        await to.FillAsync("pod/default/myapp-1@blue");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "pod/default/myapp-1@blue", Exact = true }).First).ToBeVisibleAsync();
        await to.PressAsync("Tab");

        await Expect(page.GetByTestId("reach-verdict")).ToHaveAttributeAsync("data-verdict", "Reachable");
        var hops = await page.Locator("[data-testid=reach-hop]").CountAsync();
        Assert.True(hops >= 2, $"{hops} hops");
        // The path's hops are highlighted on the graph, nothing broken, everything else dimmed.
        await WaitForGraphAsync(page, "cy.elements('.hop').length >= 2 && cy.elements('.broken').length === 0 && cy.getElementById('net:red').hasClass('dim')");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topology-path.png"), FullPage = true });

        await page.SelectOptionAsync(page.Locator("body"), "iso-a", "blue");
        await page.SelectOptionAsync(page.Locator("body"), "iso-b", "red");

        await Expect(page.GetByTestId("iso-verdict")).ToHaveAttributeAsync("data-isolated", "true");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topology-isolation.png"), FullPage = true });
    }
}
