using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>Picks an option of a MudSelect as a user does.</summary>
public static class MudSelectExtensions
{
    /// <summary>
    /// Opens the select with <paramref name="testId"/> inside <paramref name="scope"/>, clicks the option whose whole text is
    /// <paramref name="option"/>, and waits until the select shows it. Options are matched whole: other open lists on
    /// the page (an autocomplete's suggestions such as "pod/default/a@blue") also contain the option's text.
    /// </summary>
    public static async Task SelectOptionAsync(this IPage page, ILocator scope, string testId, string option)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(scope);
        await scope.GetByTestId(testId).ClickAsync();
        var whole = new Regex($"^\\s*{Regex.Escape(option)}\\s*$");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = whole }).First.ClickAsync();
        await Expect(scope.GetByTestId(testId)).ToContainTextAsync(option);
    }
}
