using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Multinet.Web.Auth;

/// <summary>
/// Scripts get status codes, not the sign-in page: under <c>/api</c> and <c>/hubs</c> a request without a session or
/// token is answered 401, one lacking the role 403, each with a JSON problem. Pages keep the cookie's redirects.
/// </summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!IsApi(context.Request.Path) || authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "Not signed in",
                "Sign in, or send a personal API token as 'Authorization: Bearer <token>'.");
        }

        var role = AccessRules.RoleOf(context.User);
        return WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
            $"{context.User.Identity?.Name} ({(role.Length == 0 ? "no role" : role)}) may not do this.");
    }

    public static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
