using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Infrastructure;

/// <summary>Browser contexts already in the admin's session of a console (its cookie, made once per console by <see cref="WebProcess.SessionAsync"/>).</summary>
public static class BrowserSession
{
    public static async Task<IBrowserContext> NewSignedInContextAsync(this IBrowser browser, WebProcess web, CancellationToken cancellationToken,
        BrowserNewContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(web);
        var cookie = await web.SessionCookieAsync(cancellationToken);
        options ??= new BrowserNewContextOptions();
        options.BaseURL = web.BaseUrl.ToString();
        var context = await browser.NewContextAsync(options);
        await context.AddCookiesAsync([new Cookie { Name = cookie.Name, Value = cookie.Value, Url = web.BaseUrl.GetLeftPart(UriPartial.Authority), HttpOnly = true, SameSite = SameSiteAttribute.Lax }]);
        return context;
    }

    /// <summary>
    /// A new person's first sign-in as a user does it: the one-time password on /login, then the forced change to
    /// <paramref name="newPassword"/>, until the account menu shows.
    /// </summary>
    public static async Task SignInWithOneTimePasswordAsync(this IPage page, string name, string password, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await page.GetByTestId("password-current").FillAsync(password);
        await page.GetByTestId("password-new").FillAsync(newPassword);
        await page.GetByTestId("password-confirm").FillAsync(newPassword);
        await page.GetByTestId("password-submit").ClickAsync();
        await Expect(page.GetByTestId("user-menu-open")).ToBeVisibleAsync();
    }
}
