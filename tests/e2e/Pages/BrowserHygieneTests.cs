using Microsoft.Playwright;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// Every page of the console loads in the browser without an error in its console (a script the Content-Security-Policy
/// refuses, a failed module) and without a request the console answers 4xx or 5xx (a missing icon, a stale asset path).
/// </summary>
[Collection(SeededClusterFixture.Collection)]
public sealed class BrowserHygieneTests(BrowserFixture browser, SeededClusterFixture cluster)
{
    private static readonly string[] s_pages =
        ["/", "/networks", "/networks/blue", "/topology", "/nodes", "/nads", "/pods", "/vms", "/services", "/policies", "/memif",
         "/reachability", "/yaml", "/timeline", "/users"];

    private readonly List<string> _problems = [];
    private string _current = "";

    [Fact]
    public async Task EveryPage_AndTheSignInPage_LoadWithoutBrowserErrorsOrFailedRequests()
    {
        await using var context = await browser.Browser.NewSignedInContextAsync(cluster.Web, TestContext.Current.CancellationToken);
        context.SetDefaultTimeout(BrowserFixture.Patience);
        var page = Watch(await context.NewPageAsync());
        foreach (var path in s_pages)
        {
            _current = path;
            await page.OpenAsync(path);
            await Expect(page.GetByTestId("nav-overview")).ToBeVisibleAsync(); // the circuit has rendered the page
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);          // its icons, modules and styles have been asked for
        }

        await using var anonymous = await browser.Browser.NewContextAsync(new() { BaseURL = cluster.Web.BaseUrl.ToString() });
        anonymous.SetDefaultTimeout(BrowserFixture.Patience);
        var signIn = Watch(await anonymous.NewPageAsync());
        _current = "/login";
        await signIn.OpenAsync("/login");
        await Expect(signIn.Locator("input[type=password]")).ToBeVisibleAsync();
        await signIn.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.True(_problems.Count == 0, string.Join('\n', _problems));
    }

    private IPage Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add($"{_current}: console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Add($"{_current}: page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Add($"{_current}: {response.Status} for {response.Url}");
            }
        };
        return page;
    }
}
