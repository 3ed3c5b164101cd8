using Microsoft.Playwright;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>
/// Navigation as the tests do it: pages are prerendered (their rows come in the HTML) and become interactive when the
/// circuit has rendered them, which the shell says with data-interactive="true" (inert until then). Tests open pages
/// with <see cref="OpenAsync"/>, so no test clicks or types before the console can handle it.
/// </summary>
public static class PageNavigation
{
    /// <summary>Selects the shell of a page still waiting for its circuit.</summary>
    public const string NotInteractive = "[data-interactive=false]";

    /// <summary>Navigates to <paramref name="url"/> and waits until the page is interactive (at once for a static page, e.g. /login).</summary>
    public static async Task<IResponse?> OpenAsync(this IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.GotoAsync(url);
        await page.Locator(NotInteractive).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        return response;
    }
}
