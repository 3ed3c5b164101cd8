using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// The walking skeleton as a user drives it: the real console with three simulated nodes, real Chromium, real kubectl.
/// Each test uses its own Network names, so they share one console.
/// </summary>
public sealed class WalkingSkeletonTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    private static readonly string[] s_nodes = ["node-1", "node-2", "node-3"];
    [Fact]
    public async Task CreateInForm_NewNetwork_EveryNodeShowsItsVrfWithoutReload()
    {
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/nodes");
        await Expect(page.Locator("[data-testid=node-row]")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("dark-mode-toggle")).ToBeVisibleAsync();

        await page.GetByTestId("nav-networks").ClickAsync();
        await page.GetByTestId("new-network").ClickAsync();
        await page.Locator("#network-name").FillAsync("green");
        await page.Locator("#network-vni").FillAsync("77");
        await page.Locator("#network-range").FillAsync("10.77.0.0/16");
        var clock = Stopwatch.StartNew();
        await page.GetByTestId("network-create").ClickAsync();

        await Expect(page.Locator("[data-testid=network-row][data-network=green]")).ToBeVisibleAsync();
        await page.GetByTestId("nav-nodes").ClickAsync();
        foreach (var node in s_nodes)
        {
            await Expect(Vrfs(page, node)).ToHaveAttributeAsync("title", VrfState("green", "Applied"));
        }

        await page.Locator("[data-testid=node-row][data-node=node-1] a").ClickAsync();
        var vrf = page.Locator("[data-testid=node-vrf-row][data-network=green]");
        await Expect(vrf).ToContainTextAsync("77");
        await Expect(vrf).ToContainTextAsync("Applied");

        TestContext.Current.SendDiagnosticMessage($"Create to VRF applied on 3 nodes, as seen in the browser: {clock.ElapsedMilliseconds} ms");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "nodes.png"), FullPage = true });
        var stored = await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "get", "network", "green", "-o", "jsonpath={.spec.vni} {.spec.range}");
        Assert.Equal("77 10.77.0.0/16", stored.StandardOutput);
    }

    [Fact]
    public async Task KubectlApplyThenDelete_RowsAppearAndVanishLive()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = await Context.NewPageAsync();
        await nodes.OpenAsync("/nodes");
        await Expect(nodes.Locator("[data-testid=node-row]")).ToHaveCountAsync(3);
        var networks = await Context.NewPageAsync();
        await networks.OpenAsync("/networks");
        await Expect(networks.GetByTestId("networks-table")).ToBeVisibleAsync();

        var apply = await Cluster.Kubectl.RunAsync(ct, "apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml"));
        Assert.True(apply.ExitCode == 0, apply.StandardError);

        await Expect(networks.Locator("[data-testid=network-row][data-network=red]")).ToBeVisibleAsync();
        await Expect(networks.Locator("[data-testid=network-row][data-network=blue]")).ToBeVisibleAsync();
        foreach (var node in s_nodes)
        {
            await Expect(Vrfs(nodes, node)).ToHaveAttributeAsync("title", VrfState("red", "Applied"));
            await Expect(Vrfs(nodes, node)).ToHaveAttributeAsync("title", VrfState("blue", "Applied"));
        }

        await networks.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "networks.png"), FullPage = true });
        var list = await Cluster.Kubectl.RunAsync(ct, "get", "networks", "-o", "name");
        Assert.Contains("network.projectcalico.org/red", list.StandardOutput, StringComparison.Ordinal);

        var delete = await Cluster.Kubectl.RunAsync(ct, "delete", "network", "red");
        Assert.True(delete.ExitCode == 0, delete.StandardError);

        await Expect(networks.Locator("[data-testid=network-row][data-network=red]")).ToHaveCountAsync(0);
        foreach (var node in s_nodes)
        {
            await Expect(Vrfs(nodes, node)).Not.ToHaveAttributeAsync("title", VrfState("red", ".*"));
            await Expect(Vrfs(nodes, node)).ToHaveAttributeAsync("title", VrfState("blue", "Applied"));
        }
    }

    [Fact]
    public async Task CreateInForm_InvalidVni_ShowsTheMessageAndWritesNothing()
    {
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/networks");
        await page.GetByTestId("new-network").ClickAsync();
        await page.Locator("#network-name").FillAsync("violet");
        await page.Locator("#network-vni").FillAsync("4096");
        await page.Locator("#network-range").FillAsync("10.96.0.0/16");

        await Expect(page.GetByText("4096 is reserved for the default pod network's VXLAN.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("network-create")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "network-create-invalid.png") });

        await page.Locator("#network-vni").FillAsync("16777216");
        await Expect(page.GetByText("16777216 is out of range: a VNI is from 1 to 16777215 (24 bits).")).ToBeVisibleAsync();
        await page.GetByTestId("network-create").ClickAsync(new() { Force = true });

        var get = await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "get", "network", "violet");
        Assert.NotEqual(0, get.ExitCode);
        Assert.Contains("NotFound", get.StandardError, StringComparison.Ordinal);
        await Expect(page.Locator("[data-testid=network-row][data-network=violet]")).ToHaveCountAsync(0);
    }

    /// <summary>The VRFs cell of a node's row on /nodes; its title names each VRF with its state ("blue Applied, red Error").</summary>
    private static ILocator Vrfs(IPage page, string node) =>
        page.Locator($"tr:has([data-testid=node-row][data-node={node}]) [data-testid=node-vrfs]");

    private static Regex VrfState(string network, string state) =>
        new($"(^|, ){network} {state}(,|$)");
}
