using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// Pages are prerendered: their first rows are in the server's HTML response, readable before any script runs, with
/// the shell inert until the circuit has rendered the page; then live updates arrive as before.
/// </summary>
public sealed partial class PrerenderTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    [Fact]
    public async Task HtmlResponse_SignedIn_HoldsTheNodesRows_InAnInertShell()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/nodes");
        await Expect(page.Locator("[data-testid=node-row]")).ToHaveCountAsync(3); // the simulated nodes have reported

        using var http = await Cluster.Web.HttpClientAsync(ct);
        var html = await http.GetStringAsync("/nodes", ct);

        Assert.Equal(["node-1", "node-2", "node-3"], NodeRow().Matches(html).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Matches("<div(?=[^>]*data-interactive=\"false\")(?=[^>]*\\sinert[\\s=>])", html);
    }

    [Fact]
    public async Task JavaScriptDisabled_PageStillShowsItsRows()
    {
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/nodes");
        await Expect(page.Locator("[data-testid=node-row]")).ToHaveCountAsync(3);
        await using var noScript = await Browser.Browser.NewSignedInContextAsync(Cluster.Web, TestContext.Current.CancellationToken, new() { JavaScriptEnabled = false });
        noScript.SetDefaultTimeout(BrowserFixture.Patience);
        var still = await noScript.NewPageAsync();

        await still.GotoAsync("/nodes");

        await Expect(still.Locator("[data-testid=node-row]")).ToHaveCountAsync(3);
        await Expect(still.Locator(PageNavigation.NotInteractive)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AfterTheCircuitStarts_LiveChangesStillArrive()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/networks");
        await Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);

        var manifest = Path.Combine(Cluster.Web.DataDir, "prerender-live.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: projectcalico.org/v3
            kind: Network
            metadata:
              name: prerender-live
            spec:
              vni: 321
              range: "10.221.0.0/16"
            """, ct);
        var apply = await Cluster.Kubectl.RunAsync(ct, "apply", "-f", manifest);
        Assert.True(apply.ExitCode == 0, apply.StandardError);

        await Expect(page.Locator("[data-testid=network-row][data-network=prerender-live]")).ToBeVisibleAsync();
    }

    [GeneratedRegex("data-testid=\"node-row\"[^>]*data-node=\"([^\"]+)\"")]
    private static partial Regex NodeRow();
}
