using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>Signing in as people do, in the real console and Chromium: the first start, a viewer, signing out, a lockout.</summary>
public sealed partial class SignInJourneyTests(BrowserFixture browser, ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task FirstStart_OneTimePasswordFromTheLog_ForcedChange_ThenCreateANetwork()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var web = await WebProcess.StartAsync(cancellationToken: ct, generatedAdminPassword: true);
        var password = OneTimePassword().Match(web.Output).Groups[1].Value;
        var file = Path.Combine(web.DataDir, "initial-admin-password");
        Assert.Equal(password, (await File.ReadAllTextAsync(file, ct)).Trim());
        Assert.True(!OperatingSystem.IsWindows() && File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "only its owner may read the file");
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = web.BaseUrl.ToString() });
        var page = await context.NewPageAsync();

        await page.OpenAsync("/networks");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fnetworks$"));
        await page.GetByTestId("login-user").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await page.GetByTestId("password-current").FillAsync(password);
        await page.GetByTestId("password-new").FillAsync("a sentence only I know");
        await page.GetByTestId("password-confirm").FillAsync("a sentence only I know");
        await page.GetByTestId("password-submit").ClickAsync();
        await Expect(page.GetByTestId("user-menu-open")).ToContainTextAsync("admin (admin)");
        await page.GetByTestId("nav-networks").ClickAsync();
        await page.GetByTestId("new-network").ClickAsync();
        await page.Locator("#network-name").FillAsync("first");
        await page.Locator("#network-vni").FillAsync("301");
        await page.Locator("#network-range").FillAsync("10.201.0.0/16");
        await page.GetByTestId("network-create").ClickAsync();

        await Expect(page.Locator("[data-testid=network-row][data-network=first]")).ToBeVisibleAsync();
        Assert.False(File.Exists(file)); // the one-time password is gone once replaced
        await page.OpenAsync("/timeline?name=first");
        await Expect(page.GetByTestId("timeline-actor").First).ToHaveTextAsync("multinet-console:admin");
    }

    [Fact]
    public async Task Viewer_SeesWriteButtonsDisabled_WithTheReason()
    {
        var (name, password) = await CreateUserAsync("viewer", TestContext.Current.CancellationToken);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = console.Web.BaseUrl.ToString() });
        var page = await context.NewPageAsync();

        await page.SignInWithOneTimePasswordAsync(name, password, "viewer's own passphrase");
        await page.OpenAsync("/networks");

        await Expect(page.GetByTestId("user-menu-open")).ToContainTextAsync($"{name} (viewer)");
        await Expect(page.GetByTestId("new-network")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("new-network")).ToHaveAttributeAsync("title", new Regex("changes need the operator role"));
        await page.OpenAsync("/yaml");
        await Expect(page.GetByTestId("yaml-apply")).ToBeDisabledAsync();
        await page.OpenAsync("/users");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("(viewer)");
    }

    [Fact]
    public async Task SignOut_ThenBack_ShowsNoData()
    {
        var ct = TestContext.Current.CancellationToken;
        var apply = await console.Kubectl("/usr/bin/kubectl").RunAsync(ct, "apply", "-f", Path.Combine(WebProcess.RepositoryRoot, "examples", "network.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        // A user of its own: signing out ends every session of the user, and the admin's is shared by this class's tests.
        var (name, password) = await CreateUserAsync("leaving", ct);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = console.Web.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.SignInWithOneTimePasswordAsync(name, password, "viewer's own passphrase");
        await page.OpenAsync("/networks");
        await Expect(page.Locator("[data-testid=network-row][data-network=blue]")).ToBeVisibleAsync();

        await page.GetByTestId("user-menu-open").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.GoBackAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl="));
        await Expect(page.Locator("[data-testid=network-row]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "multinet.session");
    }

    [Fact]
    public async Task TenWrongPasswords_LockTheAccount()
    {
        var (name, password) = await CreateUserAsync("locked", TestContext.Current.CancellationToken);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = console.Web.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.OpenAsync("/login");

        for (var i = 0; i < 10; i++)
        {
            await page.GetByTestId("login-user").FillAsync(name);
            await page.GetByTestId("login-password").FillAsync($"guess number {i}");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        }

        await page.GetByTestId("login-user").FillAsync(name);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("This account is locked");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
    }

    /// <summary>The admin creates a user on the Users page (a viewer, the form's default) and reads its one-time password.</summary>
    private async Task<(string Name, string Password)> CreateUserAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var context = await browser.Browser.NewSignedInContextAsync(console.Web, cancellationToken);
        var page = await context.NewPageAsync();
        await page.OpenAsync("/users");
        var name = $"{prefix}-{Guid.NewGuid():N}"[..16];
        await page.Locator("#user-create-name").FillAsync(name);
        await page.GetByTestId("user-create-submit").ClickAsync();
        var password = (await page.GetByTestId("user-one-time-password-value").TextContentAsync())!.Trim();
        await Expect(page.Locator($"[data-testid=user-row][data-user='{name}']")).ToBeVisibleAsync();
        return (name, password);
    }

    [GeneratedRegex("one-time password (\\S+) ")]
    private static partial Regex OneTimePassword();
}
