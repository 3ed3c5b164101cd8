using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Multinet.Web.Auth;

/// <summary>The signed-in user of this page (circuit): what the write paths check and whom they write as.</summary>
public sealed class CurrentUser(AuthenticationStateProvider state)
{
    /// <summary>The page's user; outside a page (no authentication state was set), nobody: every write is refused.</summary>
    public async Task<ClaimsPrincipal> GetAsync()
    {
        try
        {
            return (await state.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }
    }

    /// <summary>Null when the user may write in <paramref name="namespace"/> (null: a cluster-scoped object); otherwise why not.</summary>
    public async Task<string?> WriteRefusalAsync(string? @namespace) => AccessRules.WriteRefusal(await GetAsync(), @namespace);
}
