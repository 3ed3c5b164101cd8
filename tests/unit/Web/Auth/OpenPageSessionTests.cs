using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Multinet.Web.Auth;

namespace Multinet.UnitTests.Web.Auth;

/// <summary>
/// An open page (a circuit's authentication state) hears at once when an admin changes its user: disabled, it loses its
/// access; given another role, it continues with that role. No periodic check is waited for.
/// </summary>
public sealed class OpenPageSessionTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ClaimsPrincipal Admin() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "root"), new Claim(ClaimTypes.Role, ConsoleRoles.Admin)], "test", ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The page's next authentication state, once it changes.</summary>
    private static Task<AuthenticationState> NextStateAsync(AuthenticationStateProvider provider)
    {
        var next = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += state => state.ContinueWith(t => next.TrySetResult(t.Result), TaskScheduler.Default);
        return next.Task.WaitAsync(TimeSpan.FromSeconds(60), Token); // a ceiling reached only on failure
    }

    [Fact]
    public async Task UserDisabled_TheOpenPageLosesItsAccessAtOnce()
    {
        await using var page = await server.SignedInScopeAsync(ConsoleRoles.Operator);
        var provider = page.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var name = (await provider.GetAuthenticationStateAsync()).User.Identity!.Name!;
        var changed = NextStateAsync(provider);

        var result = await server.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(Admin(), name, disabled: true, Token);

        Assert.Empty(result.Errors);
        Assert.False((await changed).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task RoleChanged_TheOpenPageContinuesWithTheNewRole()
    {
        await using var page = await server.SignedInScopeAsync(ConsoleRoles.Viewer);
        var provider = page.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var name = (await provider.GetAuthenticationStateAsync()).User.Identity!.Name!;
        var changed = NextStateAsync(provider);

        var result = await server.Services.GetRequiredService<UserAdministration>().SetRoleAsync(Admin(), name, ConsoleRoles.Operator, "", Token);
        var user = (await changed).User;

        Assert.Empty(result.Errors);
        Assert.Equal((name, ConsoleRoles.Operator), (user.Identity?.Name, AccessRules.RoleOf(user)));
        Assert.Null(await page.ServiceProvider.GetRequiredService<CurrentUser>().WriteRefusalAsync(null));
    }
}
