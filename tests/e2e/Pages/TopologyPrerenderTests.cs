using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// /topology draws before its circuit starts: the prerendered page carries the graph, the browser draws it while the
/// circuit is held back, and the circuit then takes that drawing over (a change made meanwhile shows up; a click works).
/// </summary>
public sealed partial class TopologyPrerenderTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    private static readonly string s_examples = Path.Combine(WebProcess.RepositoryRoot, "examples");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task KubectlOkAsync(params string[] args)
    {
        var result = await Cluster.Kubectl.RunAsync(Token, args);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task CircuitHeldBack_TheGraphIsDrawnFromTheHtml_ThenTheCircuitTakesItOver()
    {
        await KubectlOkAsync("apply", "-f", Path.Combine(s_examples, "network.yaml"));
        var page = await Context.NewPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(Negotiate(), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync("/topology");
        await TopologyGraphs.WaitAsync(page, "cy.nodes('.host').length === 3 && cy.getElementById('net:blue').nonempty() && cy.getElementById('net:red').nonempty()");
        // No circuit yet: the page is still the prerendered one.
        await Expect(page.Locator(PageNavigation.NotInteractive)).ToHaveCountAsync(1);

        // A Network added before the circuit starts is drawn once it has.
        var green = Path.Combine(Directory.CreateTempSubdirectory("topology-prerender").FullName, "green.yaml");
        await File.WriteAllTextAsync(green, GreenNetwork, Token);
        await KubectlOkAsync("apply", "-f", green);
        release.SetResult();
        await page.Locator(PageNavigation.NotInteractive).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        await TopologyGraphs.WaitAsync(page, "cy.getElementById('net:green').nonempty() && cy.getElementById('net:blue').nonempty() && cy.nodes('.host').length === 3");
        await Expect(page.GetByTestId("topology-canvas")).ToHaveCountAsync(1);

        // The graph the circuit took over answers clicks: blue expands (its tunnels drawn), its details show.
        await TopologyGraphs.ClickAsync(page, "net:blue");
        await Expect(page).ToHaveURLAsync(new Regex("open=blue"));
        await Expect(page.GetByTestId("topology-details-title")).ToHaveTextAsync("Network blue");
        await TopologyGraphs.WaitAsync(page, "cy.getElementById('net:blue').hasClass('expanded') && cy.edges('.tunnel').length === 3");
    }

    [Fact]
    public async Task GraphScriptAndCircuitHeldBack_TheHtmlAloneShowsTheGraph_ThenTheGraphTakesItsPlaceWithoutMovingIt()
    {
        await KubectlOkAsync("apply", "-f", Path.Combine(s_examples, "network.yaml"));
        var page = await Context.NewPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        var graphScript = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var circuit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(Cytoscape(), async route =>
        {
            await graphScript.Task;
            await route.ContinueAsync();
        });
        await page.RouteAsync(Negotiate(), async route =>
        {
            await circuit.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync("/topology", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.DOMContentLoaded });
        // No script has drawn anything: the hosts and networks are there, drawn by the HTML, and the page says it is not live yet.
        var drawing = page.GetByTestId("topology-svg");
        await Expect(drawing.Locator("g[data-id^='node:']")).ToHaveCountAsync(3);
        await Expect(drawing.Locator("g[data-id='net:blue']")).ToBeVisibleAsync();
        await Expect(drawing.Locator("g[data-id='net:red']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("topology-pending")).ToHaveTextAsync("Becoming interactive…");
        Assert.False(await page.GetByTestId("topology-canvas").EvaluateAsync<bool>("c => !!c.topology"), "the graph drew although its script was held back");
        // Blue's label shows (three nodes: readable). The drawing is kept aside to compare with the graph that replaces it.
        await page.EvaluateAsync("() => { window.staticDrawing = document.querySelector('[data-testid=topology-svg]'); }");
        await Expect(drawing.Locator("g[data-id='net:blue'] text")).ToBeVisibleAsync();

        // The graph's script arrives (the circuit still held back): the graph draws blue where the HTML had, and the
        // static drawing goes.
        graphScript.SetResult();
        await TopologyGraphs.WaitAsync(page, "cy.nodes('.host').length === 3 && cy.getElementById('net:blue').nonempty()");
        await Expect(drawing).ToHaveCountAsync(0);
        // Where the graph drew blue, and where the static drawing put it, put back in the canvas as it is now (from the
        // canvas's corner): the same place, within a pixel (an SVG and a canvas each round on their own).
        var at = await page.GetByTestId("topology-canvas").EvaluateAsync<double[]>("""
            c => {
              const p = c.topology.getElementById('net:blue').renderedPosition();
              const again = window.staticDrawing.cloneNode(true);
              c.prepend(again);
              const r = again.querySelector("g[data-id='net:blue'] > polygon").getBoundingClientRect(), box = c.getBoundingClientRect();
              again.remove();
              return [c.clientLeft + p.x, c.clientTop + p.y, r.x + r.width / 2 - box.x, r.y + r.height / 2 - box.y];
            }
            """);
        Assert.InRange(at[0] - at[2], -1, 1);
        Assert.InRange(at[1] - at[3], -1, 1);
        await Expect(page.GetByTestId("topology-pending")).ToBeVisibleAsync();

        // The circuit starts: the page says nothing more about becoming interactive, and the graph answers a click.
        circuit.SetResult();
        await page.Locator(PageNavigation.NotInteractive).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        await Expect(page.GetByTestId("topology-pending")).ToHaveCountAsync(0);
        await TopologyGraphs.WaitAsync(page, "cy.getElementById('net:blue').nonempty()");
        await TopologyGraphs.ClickAsync(page, "net:blue");
        await Expect(page.GetByTestId("topology-details-title")).ToHaveTextAsync("Network blue");
    }

    [Fact]
    public async Task Labels_ReadableAtTheFittedViewOfASmallCluster_NotDrawnWhenZoomedOutTooFarToReadThem()
    {
        await KubectlOkAsync("apply", "-f", Path.Combine(s_examples, "network.yaml"));
        var page = await Context.NewPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        await page.OpenAsync("/topology");
        await TopologyGraphs.WaitAsync(page, "cy.nodes('.host').length === 3 && cy.getElementById('net:blue').nonempty()");

        // Cytoscape draws a label only when its size on screen (font size × zoom) reaches min-zoomed-font-size.
        const string Shown = "(c => { const cy = c.topology, n = cy.getElementById('net:blue'); return cy.zoom() * n.pstyle('font-size').pfValue >= n.pstyle('min-zoomed-font-size').pfValue; })";
        Assert.True(await page.GetByTestId("topology-canvas").EvaluateAsync<bool>(Shown), "the three-node cluster's fitted view hides its labels");
        Assert.False(await page.GetByTestId("topology-canvas").EvaluateAsync<bool>($"c => {{ c.topology.zoom(0.25); return {Shown}(c); }}"),
            "labels are drawn at a quarter zoom (2.75 px text), as on the fitted view of a 200-node cluster");
    }

    private const string GreenNetwork = """
        apiVersion: projectcalico.org/v3
        kind: Network
        metadata:
          name: green
        spec:
          vni: 77
          range: "172.21.0.0/16"
          physicalNetworkName: ""
        """;

    [GeneratedRegex("/lib/cytoscape/")]
    private static partial Regex Cytoscape();

    [GeneratedRegex("/_blazor/negotiate")]
    private static partial Regex Negotiate();
}
