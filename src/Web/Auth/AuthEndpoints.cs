using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Multinet.Web.Auth;

/// <summary>Sign-out (a form post with the antiforgery token), and who am I / the users for scripts.</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapConsoleAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/logout", async (IFormCollection form, HttpContext context, SignInManager<ConsoleUser> signIn, UserSessionEvents events) =>
        {
            // A new security stamp ends the session on the server too: a copy of the cookie no longer signs anyone in, and
            // the user's open pages lose their access. It ends the user's other sessions as well.
            if (context.User.Identity?.AuthenticationType != ApiTokenHandler.SchemeName && await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
                events.Raise(user.Id);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).AllowAnonymous();
        endpoints.MapGet("/api/v1/me", (HttpContext context) => TypedResults.Ok(new MeDto(
            context.User.Identity?.Name ?? "", AccessRules.RoleOf(context.User), AccessRules.NamespacesOf(context.User),
            context.User.FindFirst(ConsoleClaims.TokenScope)?.Value)));
        endpoints.MapGet("/api/v1/users", ListUsersAsync).RequireAuthorization(ConsolePolicies.Admin);
        endpoints.MapOidcSignIn();
        return endpoints;
    }

    private static async Task<Ok<List<UserDto>>> ListUsersAsync(AuthDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken); // SQLite cannot compare DateTimeOffset: filter here
        return TypedResults.Ok(users.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new UserDto(u.UserName ?? "", u.Role, u.Namespaces, u.Disabled, u.Source, u.LockoutEnd > now)).ToList());
    }
}
