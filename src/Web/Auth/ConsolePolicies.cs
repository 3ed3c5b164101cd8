using Microsoft.AspNetCore.Authorization;

namespace Multinet.Web.Auth;

/// <summary>The authorization policies: every surface needs at least <see cref="Viewer"/> (the fallback), writes <see cref="Operator"/>, user management <see cref="Admin"/>.</summary>
public static class ConsolePolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var viewer = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(ConsoleRoles.All).Build();
        options.AddPolicy(Viewer, viewer);
        options.AddPolicy(Operator, p => p.RequireAuthenticatedUser().RequireRole(ConsoleRoles.Operator, ConsoleRoles.Admin));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(ConsoleRoles.Admin));

        // An endpoint that says nothing about authorization still needs a signed-in viewer: nothing is open by omission.
        options.FallbackPolicy = viewer;
    }
}
