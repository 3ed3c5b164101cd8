using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Multinet.Web.Auth;

/// <summary>Adds the user's role, namespace limits and a pending password change to the principal Identity signs in.</summary>
internal sealed class ConsoleClaimsPrincipalFactory(UserManager<ConsoleUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ConsoleUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ConsoleUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        AddConsoleClaims(identity, user, user.Role);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(ConsoleClaims.MustChangePassword, "true"));
        }

        return identity;
    }

    /// <summary>The role and namespace claims for <paramref name="role"/> (a token may carry less than the user's role).</summary>
    public static void AddConsoleClaims(ClaimsIdentity identity, ConsoleUser user, string role)
    {
        identity.AddClaim(new Claim(identity.RoleClaimType, role));
        foreach (var ns in user.NamespaceList)
        {
            identity.AddClaim(new Claim(ConsoleClaims.Namespace, ns));
        }
    }
}
