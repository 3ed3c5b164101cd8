using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Multinet.Web.Auth;

/// <summary>The signed-in user of this page (circuit): what the write paths check and whom they write as.</summary>
public sealed class CurrentUser(AuthenticationStateProvider state)
{
    public async Task<ClaimsPrincipal> GetAsync()
    {
        var auth = await state.GetAuthenticationStateAsync();
        return auth.User;
    }

    /// <summary>Null when the user may write in <paramref name="namespace"/> (null: a cluster-scoped object); otherwise why not.</summary>
    public async Task<string?> WriteRefusalAsync(string? @namespace) => AccessRules.WriteRefusal(await GetAsync(), @namespace);
}
