using System.Text.Json;
using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>Journeys over a pod with secondary interfaces: from its address to the tunnel mesh, and memif counters moving.</summary>
public sealed class PodJourneyTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    private static readonly string s_examples = Path.Combine(WebProcess.RepositoryRoot, "examples");

    private async Task<string> StartSamplepodAsync()
    {
        var token = TestContext.Current.CancellationToken;
        var apply = await Cluster.Kubectl.RunAsync(token, "apply", "-f", Path.Combine(s_examples, "network.yaml"), "-f", Path.Combine(s_examples, "netdefinitions.yaml"),
            "-f", Path.Combine(s_examples, "pod-multinet.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(0, (await Cluster.Kubectl.RunAsync(token, "wait", "--for=condition=Ready", "pod/samplepod", "--timeout=60s")).ExitCode);
        var status = await Cluster.Kubectl.RunAsync(token, "get", "pod", "samplepod", "-o", @"jsonpath={.metadata.annotations.k8s\.v1\.cni\.cncf\.io/network-status}");
        return JsonDocument.Parse(status.StandardOutput).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == "default/network-blue-conf").GetProperty("ips")[0].GetString()!;
    }

    [Fact]
    public async Task FindAPodsBlueAddress_ThenItsTunnelMesh_InTwoClicks()
    {
        var blueIp = await StartSamplepodAsync();
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/");
        await Expect(page.GetByTestId("search-open")).ToBeVisibleAsync();
        await Expect(page.Locator("html[data-shortcuts=ready]")).ToBeAttachedAsync(); // prerendered first: keys work once interactive

        await page.Keyboard.PressAsync("/");
        await page.Locator("[data-testid=search-dialog] input").FillAsync(blueIp);
        await page.Locator("[data-testid=search-result][data-kind=Pod]").First.ClickAsync(); // click 1

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/pods\\?q={System.Text.RegularExpressions.Regex.Escape(blueIp)}$"));
        var row = page.Locator("[data-testid=pod-row][data-pod='default/samplepod'][data-interface=eth1]");
        await Expect(row).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "pods.png"), FullPage = true });
        await row.Locator("xpath=..").GetByTestId("pod-network-link").ClickAsync(); // click 2

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/networks/blue\\?tab=mesh$"));
        await Expect(page.Locator("[data-testid=mesh-cell][data-state=up]")).ToHaveCountAsync(6); // 3 nodes: 6 directed tunnels
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "network-mesh.png"), FullPage = true });
    }

    [Fact]
    public async Task DeleteANetworkPodsUse_ListsThemAndNeedsItsNameBeforeAnythingIsDeleted()
    {
        await StartSamplepodAsync();
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/networks");
        var blue = page.Locator("[data-testid=network-row][data-network=blue] >> xpath=..");
        await Expect(blue.GetByTestId("network-pods-count")).ToHaveTextAsync("1");

        await blue.GetByTestId("network-delete").ClickAsync();

        await Expect(page.GetByTestId("usage-pods")).ToContainTextAsync("default/samplepod");
        await Expect(page.GetByTestId("usage-nads")).ToContainTextAsync("default/network-blue-conf");
        await Expect(page.GetByTestId("delete-network-ok")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "network-delete-in-use.png"), FullPage = true });
        await page.GetByTestId("delete-network-cancel").ClickAsync();
        Assert.Equal(0, (await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "get", "network", "blue")).ExitCode);

        await page.OpenAsync("/nads");
        await Expect(page.Locator("[data-testid=nad-row][data-nad='default/network-blue-conf']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "nads.png"), FullPage = true });
    }

    [Fact]
    public async Task CreateANetworkWithItsNad_ItIsReadyOnEveryNodeAndItsNadIsListed()
    {
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/networks");
        await page.GetByTestId("new-network").ClickAsync();
        await page.Locator("#network-name").FillAsync("jade");
        await page.Locator("#network-vni").FillAsync("91");
        await page.Locator("#network-range").FillAsync("10.91.0.0/16");
        await page.GetByTestId("network-create").ClickAsync();

        await page.OpenAsync("/networks/jade");
        await Expect(page.GetByTestId("network-ready")).ToHaveTextAsync("3 / 3 nodes applied");
        await page.OpenAsync("/nads");
        var nad = page.Locator("[data-testid=nad-row][data-nad='default/network-jade-conf']");
        await Expect(nad).ToBeVisibleAsync();
        await Expect(nad.Locator("xpath=..")).ToContainTextAsync("jade");
        await Expect(page.Locator("[data-testid=nad-warning][data-kind=no-nad]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task MemifCounters_MoveWhileThePageIsOpen()
    {
        await StartSamplepodAsync();
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/memif");
        var row = page.Locator("[data-testid=memif-row]").First;

        // A rate is the counter change between two reports of the node: non-zero means the counters moved.
        var nonZeroRate = new System.Text.RegularExpressions.Regex(@"^[1-9][0-9.]*\s*[kMGT]?\s*pps$");
        await Expect(row.GetByTestId("memif-rx-pps")).ToHaveTextAsync(nonZeroRate);
        await Expect(row.GetByTestId("memif-tx-pps")).ToHaveTextAsync(nonZeroRate);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "memif.png"), FullPage = true });
    }

    [Fact]
    public async Task InventoryPages_RenderWithTheirData()
    {
        await StartSamplepodAsync();
        var token = TestContext.Current.CancellationToken;
        Assert.Equal(0, (await Cluster.Kubectl.RunAsync(token, "apply", "-f", Path.Combine(s_examples, "policy.yaml"))).ExitCode);
        var page = await Context.NewPageAsync();

        await page.OpenAsync("/policies");
        await Expect(page.Locator("[data-testid=policy-row][data-interface='default/samplepod/memif-eth2']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "policies.png"), FullPage = true });

        // The red interface's own view: my-policy's red rule (TCP 7809) as the node enforces it, not its default-network rule (3434).
        await page.Locator("[data-testid=policy-row][data-interface='default/samplepod/memif-eth2'] [data-testid=policy-interface-link]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/policies\\?pod=default%2Fsamplepod&interface=memif-eth2$"));
        var rule = page.Locator("[data-testid=policy-rule][data-interface='default/samplepod/memif-eth2']");
        await Expect(rule).ToHaveCountAsync(1);
        var cells = rule.Locator("xpath=..").Locator("td:not([rowspan])");
        await Expect(cells).ToHaveTextAsync(["1", "default/my-policy", "ingress", "Allow", "TCP", "any", "7809"]);
        await Expect(page.GetByTestId("policies-interface-rules")).ToContainTextAsync("1 rule on default/samplepod memif-eth2 on red");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "policies-interface.png"), FullPage = true });

        foreach (var (path, name) in new[] { ("services", "services"), ("timeline", "timeline"), ("nodes/node-1?tab=tunnels", "node-tunnels"), ("", "overview"), ("networks/blue?tab=ipam", "network-ipam"), ("networks", "networks-usage") })
        {
            await page.OpenAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });
        }
    }
}
