using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Multinet.Web.Auth;

/// <summary>
/// Optional OpenID Connect sign-in (authorization code flow). The provider's groups claim gives the role through
/// <see cref="OidcOptions"/> (no matching group: no access); the person gets a console user of source "oidc" whose role
/// follows the groups at every sign-in, so sessions, the users page and the timeline treat both kinds alike.
/// </summary>
internal static class OidcSignIn
{
    public const string Scheme = "oidc";
    public const string StartPath = "/login/oidc";
    private const string CallbackPath = "/login/oidc/complete";

    public static void Add(IServiceCollection services, OidcOptions settings)
    {
        services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.SaveTokens = false;
            o.Scope.Add("profile");
            o.Scope.Add("email");
        });
    }

    public static IEndpointRouteBuilder MapOidcSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StartPath, (string? returnUrl) => TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = $"{CallbackPath}?returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}" }, [Scheme]))
            .AllowAnonymous();
        endpoints.MapGet(CallbackPath, CompleteAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, string? returnUrl, UserManager<ConsoleUser> users,
        SignInManager<ConsoleUser> signIn, IOptions<ConsoleAuthOptions> options, TimeProvider time)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal)
        {
            return TypedResults.Redirect("/login?error=" + Uri.EscapeDataString("The single sign-on did not complete."));
        }

        var settings = options.Value.Oidc;
        var role = settings.RoleFor(principal.FindAll(settings.GroupsClaim).Select(c => c.Value));
        var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue("email") ?? principal.FindFirstValue("sub");
        if (role is null || string.IsNullOrEmpty(name))
        {
            return TypedResults.Redirect("/login?error=" + Uri.EscapeDataString(
                $"{name ?? "This account"} is in none of the groups that give access to the console."));
        }

        var user = await users.FindByNameAsync(name);
        if (user is { Source: not ConsoleUser.OidcSource })
        {
            return TypedResults.Redirect("/login?error=" + Uri.EscapeDataString($"A local user named {name} exists; sign in with its password."));
        }

        if (user is null)
        {
            user = new ConsoleUser { UserName = name, Role = role, Source = ConsoleUser.OidcSource, CreatedAt = time.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return TypedResults.Redirect("/login?error=" + Uri.EscapeDataString(string.Join(" ", created.Errors.Select(e => e.Description))));
            }
        }
        else if (user.Role != role)
        {
            user.Role = role;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
        }

        if (user.Disabled)
        {
            return TypedResults.Redirect("/login?error=" + Uri.EscapeDataString("This account is disabled."));
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme);
        return TypedResults.LocalRedirect(LocalOrRoot(returnUrl));
    }

    /// <summary>Only a path on this site: an open redirect would let a link send a signed-in user anywhere.</summary>
    public static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
