namespace Multinet.Web.Auth;

/// <summary>
/// A user signed in with a one-time password may only choose a new one (or sign out): pages redirect to
/// <see cref="ChangePasswordPath"/>, the API and hub answer 403.
/// </summary>
internal static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/account/password";

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == ConsoleClaims.MustChangePassword)
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
            && !context.Request.Path.StartsWithSegments(ChangePasswordPath, StringComparison.OrdinalIgnoreCase))
        {
            if (ApiAuthorizationResultHandler.IsApi(context.Request.Path))
            {
                await ApiAuthorizationResultHandler.WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Password change required",
                    "Choose a new password first (at /account/password).");
            }
            else
            {
                context.Response.Redirect(ChangePasswordPath);
            }

            return;
        }

        await next(context);
    });
}
