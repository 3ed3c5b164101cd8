using Microsoft.Playwright;

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
}
