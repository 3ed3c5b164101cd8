using System.Text.RegularExpressions;
using Multinet.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Multinet.E2ETests.Pages;

/// <summary>
/// An admin changes a person's role on /users, in the real console and Chromium: a viewer cannot create a Network; promoted
/// to operator (and after a reload of the page) they can; the timeline shows the role change by the admin and the Network by
/// the person.
/// </summary>
public sealed class RoleChangeJourneyTests(BrowserFixture browser, ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task ViewerPromotedToOperator_AfterReloadCreatesANetwork_TimelineShowsBothByTheirAuthors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var adminContext = await browser.Browser.NewSignedInContextAsync(console.Web, ct);
        adminContext.SetDefaultTimeout(BrowserFixture.Patience);
        var admin = await adminContext.NewPageAsync();
        await admin.OpenAsync("/users");
        var name = $"promo-{Guid.NewGuid():N}"[..14];
        await admin.Locator("#user-create-name").FillAsync(name);
        await admin.GetByTestId("user-create-submit").ClickAsync(); // the form's default role: viewer
        var password = (await admin.GetByTestId("user-one-time-password-value").TextContentAsync())!.Trim();
        var row = admin.Locator("tr", new() { Has = admin.Locator($"[data-testid=user-row][data-user='{name}']") });
        await Expect(row).ToContainTextAsync("viewer");

        await using var userContext = await browser.Browser.NewContextAsync(new() { BaseURL = console.Web.BaseUrl.ToString() });
        userContext.SetDefaultTimeout(BrowserFixture.Patience);
        var user = await userContext.NewPageAsync();
        await user.SignInWithOneTimePasswordAsync(name, password, "my own passphrase, promoted");
        await user.OpenAsync("/networks");
        await Expect(user.GetByTestId("user-menu-open")).ToContainTextAsync($"{name} (viewer)");
        await Expect(user.GetByTestId("new-network")).ToBeDisabledAsync();
        await Expect(user.GetByTestId("new-network")).ToHaveAttributeAsync("title", new Regex("changes need the operator role"));

        await admin.SelectOptionAsync(row, "user-role", "operator");
        await row.GetByTestId("user-save").ClickAsync();
        await Expect(row.GetByTestId("user-save")).ToBeDisabledAsync(); // saved: nothing left to save on the row

        await user.ReloadAsync();
        await Expect(user.GetByTestId("user-menu-open")).ToContainTextAsync($"{name} (operator)");
        await Expect(user.GetByTestId("new-network")).ToBeEnabledAsync();
        var network = $"by-{name}"[..14];
        await user.GetByTestId("new-network").ClickAsync();
        await user.Locator("#network-name").FillAsync(network);
        await user.Locator("#network-vni").FillAsync("3801");
        await user.Locator("#network-range").FillAsync("10.238.0.0/16");
        await user.GetByTestId("network-create").ClickAsync();
        await Expect(user.Locator($"[data-testid=network-row][data-network={network}]")).ToBeVisibleAsync();

        await admin.OpenAsync($"/timeline?name={name}&object=User");
        var change = admin.Locator("tr", new() { Has = admin.Locator("[data-testid=timeline-summary]", new() { HasTextString = $"User {name}: operator" }) });
        await Expect(change.GetByTestId("timeline-actor")).ToHaveTextAsync("admin");
        await admin.OpenAsync($"/timeline?name={network}");
        var created = admin.Locator("tr", new() { Has = admin.Locator($"[data-testid=timeline-row][data-kind=Created][data-network={network}]") });
        await Expect(created.GetByTestId("timeline-actor")).ToHaveTextAsync($"multinet-console:{name}");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "role-change-timeline.png") });
    }
}
