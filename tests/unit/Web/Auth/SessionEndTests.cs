using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Web.Auth;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>
/// Sessions end on the server: after sign-out a copy of the session cookie signs nobody in; a disabled user's session
/// stops at its next request; a new role applies from the next request.
/// </summary>
public sealed class SessionEndTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Browser, string Cookie, string Name)> SignedInAsync(string role)
    {
        var (user, password) = await server.CreateUserAsync(role);
        var browser = FormSignIn.NewBrowser(server.HttpUrl);
        using var response = await FormSignIn.PostAsync(browser, user.UserName, password, Token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthServiceCollectionExtensions.CookieName + "=", StringComparison.Ordinal));
        return (browser, cookie.Split(';')[0], user.UserName!);
    }

    /// <summary>A client that only carries the copied cookie, as someone who lifted it would.</summary>
    private HttpClient WithCopiedCookie(string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.HttpUrl) };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static ClaimsPrincipal Admin() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, ConsoleRoles.Admin)], "test", ClaimTypes.Name, ClaimTypes.Role));

    [Fact]
    public async Task SignOut_CopiedCookie_NoLongerSignsIn()
    {
        var (browser, cookie, _) = await SignedInAsync(ConsoleRoles.Operator);
        using var copy = WithCopiedCookie(cookie);
        using var before = await copy.GetAsync("/api/v1/me", Token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var antiforgery = await FormSignIn.AntiforgeryTokenAsync(browser, "/account/password", Token);
        using var signOut = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }), Token);
        using var api = await copy.GetAsync("/api/v1/me", Token);
        using var page = await copy.GetAsync("/networks", Token);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.EndsWith("/login", signOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        browser.Dispose();
    }

    [Fact]
    public async Task DisablingAUser_EndsItsSessionAtTheNextRequest()
    {
        var (browser, cookie, name) = await SignedInAsync(ConsoleRoles.Operator);
        using var copy = WithCopiedCookie(cookie);
        using var before = await browser.GetAsync("/api/v1/me", Token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var result = await server.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(Admin(), name, disabled: true, Token);
        using var after = await browser.GetAsync("/api/v1/me", Token);
        using var copied = await copy.GetAsync("/api/v1/me", Token);

        Assert.Empty(result.Errors);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, copied.StatusCode);
        browser.Dispose();
    }

    [Fact]
    public async Task ChangingARole_AppliesFromTheNextRequest_WithoutEndingTheSession()
    {
        var (browser, _, name) = await SignedInAsync(ConsoleRoles.Operator);
        Assert.Equal(ConsoleRoles.Operator, (await browser.GetFromJsonAsync<MeDto>("/api/v1/me", Token))!.Role);

        var result = await server.Services.GetRequiredService<UserAdministration>().SetRoleAsync(Admin(), name, ConsoleRoles.Viewer, "", Token);
        var me = await browser.GetFromJsonAsync<MeDto>("/api/v1/me", Token);

        Assert.Empty(result.Errors);
        Assert.Equal(ConsoleRoles.Viewer, me!.Role);
        browser.Dispose();
    }
}
