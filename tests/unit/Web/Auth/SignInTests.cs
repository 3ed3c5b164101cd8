using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Web.Auth;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>The sign-in form: clear errors for bad input, lockout after wrong passwords, the one-time password's forced change.</summary>
public sealed class SignInTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmptyFields_NameEachMissingField_AndSignNobodyIn()
    {
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);

        using var response = await FormSignIn.PostAsync(browser, "", null, Token);
        var page = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your user name.", page, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", page, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(AuthServiceCollectionExtensions.CookieName + "=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WrongPasswords_LockTheAccount_SoEvenTheRightOneIsRefused()
    {
        var (user, password) = await server.CreateUserAsync(ConsoleRoles.Operator);
        using var browser = FormSignIn.NewBrowser(server.HttpUrl);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await FormSignIn.PostAsync(browser, user.UserName, "not the password " + i, Token);
            Assert.Contains(i < 4 ? "Wrong user name or password." : "This account is locked", await wrong.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        using var right = await FormSignIn.PostAsync(browser, user.UserName, password, Token);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("This account is locked", await right.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTimePassword_AllowsOnlyChoosingANewPassword_UntilItIsChanged()
    {
        var (user, password) = await server.CreateUserAsync(ConsoleRoles.Admin);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
            var stored = (await users.FindByNameAsync(user.UserName!))!;
            stored.MustChangePassword = true;
            await users.UpdateAsync(stored);
        }

        using var browser = FormSignIn.NewBrowser(server.HttpUrl);
        using var signIn = await FormSignIn.PostAsync(browser, user.UserName, password, Token, "/login?ReturnUrl=%2Fnetworks");
        using var page = await browser.GetAsync("/networks", Token);
        using var api = await browser.GetAsync("/api/v1/networks", Token);

        Assert.EndsWith("/account/password", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("/account/password", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }
}
