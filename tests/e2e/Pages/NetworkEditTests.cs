using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>Editing a Network in the browser: every node applies the edit, and a concurrent edit is never overwritten.</summary>
public sealed class NetworkEditTests(BrowserFixture browser, SimulatedClusterFixture cluster)
    : ConsoleContextTest(browser, cluster), IClassFixture<SimulatedClusterFixture>
{
    [Fact]
    public async Task EditVni_ImpactShownThenEveryNodeReplacesItsVrf()
    {
        await CreateAsync("amber", 61, "10.61.0.0/16");
        var page = await Context.NewPageAsync();
        await page.OpenAsync("/networks");
        await Expect(page.Locator("[data-testid=network-row][data-network=amber]")).ToBeVisibleAsync();

        await page.Locator("[data-testid=network-row][data-network=amber] >> xpath=.. >> [data-testid=network-edit]").ClickAsync();
        await page.Locator("#network-vni").FillAsync("62");
        await Expect(page.GetByTestId("network-impact")).ToContainTextAsync("VNI 61 → 62: each node replaces VRF table 61 with table 62");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "network-edit-impact.png") });
        await page.GetByTestId("network-create").ClickAsync();

        await page.OpenAsync("/networks/amber");
        foreach (var node in new[] { "node-1", "node-2", "node-3" })
        {
            var row = page.Locator($"[data-testid=network-node-row][data-node={node}]");
            await Expect(row).ToContainTextAsync("62");
            await Expect(row).ToContainTextAsync("Applied");
        }

        await Expect(page.GetByTestId("network-ready")).ToHaveTextAsync("3 / 3 nodes applied");
    }

    [Fact]
    public async Task TwoBrowsersEditAtOnce_TheSecondSaveIsRefusedAndTheFirstEditStays()
    {
        await CreateAsync("teal", 71, "10.71.0.0/16");
        var first = await Context.NewPageAsync();
        await using var otherContext = await NewContextAsync();
        var second = await otherContext.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await page.OpenAsync("/networks");
            await page.Locator("[data-testid=network-row][data-network=teal] >> xpath=.. >> [data-testid=network-edit]").ClickAsync();
        }

        await first.Locator("#network-range").FillAsync("10.72.0.0/16");
        await first.GetByTestId("network-create").ClickAsync();
        await Expect(first.GetByTestId("network-dialog")).ToHaveCountAsync(0);

        await second.Locator("#network-vni").FillAsync("73");
        await second.GetByTestId("network-create").ClickAsync();

        await Expect(second.GetByTestId("network-server-error")).ToContainTextAsync("was changed by someone else since you opened it, so your edit was not saved");
        await Expect(second.GetByTestId("network-server-error")).ToContainTextAsync("range 10.72.0.0/16");
        var stored = await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "get", "network", "teal", "-o", "jsonpath={.spec.vni} {.spec.range}");
        Assert.Equal("71 10.72.0.0/16", stored.StandardOutput);
        await second.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "network-edit-conflict.png") });
    }

    private async Task CreateAsync(string name, int vni, string range)
    {
        var file = Path.Combine(Path.GetTempPath(), $"multinet-{name}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"apiVersion: projectcalico.org/v3\nkind: Network\nmetadata:\n  name: {name}\nspec:\n  vni: {vni}\n  range: \"{range}\"\n",
            TestContext.Current.CancellationToken);
        try
        {
            var apply = await Cluster.Kubectl.RunAsync(TestContext.Current.CancellationToken, "apply", "-f", file);
            Assert.True(apply.ExitCode == 0, apply.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
