using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

public sealed class ConnectionLossTests(BrowserFixture browser)
{
    [Fact]
    public async Task ConsoleStops_PageSaysTheDataMayBeStaleAndKeepsShowingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var web = await WebProcess.StartAsync(cancellationToken: ct);
        var kubectl = new Kubectl("/usr/bin/kubectl", web.KubeconfigPath!, Path.Combine(web.DataDir, "kubectl-cache"));
        var apply = await kubectl.RunAsync(ct, "apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        await using var context = await browser.Browser.NewSignedInContextAsync(web, ct);
        var page = await context.NewPageAsync();
        await page.OpenAsync("/networks");
        await Expect(page.Locator("[data-testid=network-row][data-network=blue]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("circuit-banner")).ToBeHiddenAsync();

        await web.DisposeAsync();

        await Expect(page.GetByTestId("circuit-banner")).ToContainTextAsync("Connection to the console lost");
        await Expect(page.Locator("[data-testid=network-row][data-network=blue]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "connection-lost.png") });
    }
}
