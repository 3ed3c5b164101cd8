using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Multinet.Web.Auth;

/// <summary>
/// Static files (scripts, styles, icons) are public and personal to nobody: a request for one skips the per-request
/// session check (the user's row read and the session cookie written again), which pages, the API and the circuit's
/// hub keep. A page loads several of them; each cost a database read before.
/// </summary>
internal static class StaticAssetSessions
{
    private static readonly StaticAssetMarker s_marker = new();

    /// <summary>Marks the endpoints as static files.</summary>
    public static TBuilder AsStaticAssets<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(s_marker);

    /// <summary>Whether the request is for an endpoint marked by <see cref="AsStaticAssets{TBuilder}"/>.</summary>
    public static bool IsStaticAsset(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetMarker>() is not null;

    /// <summary>Wraps the session cookie's check so that it does not run for static files.</summary>
    public static IServiceCollection SkipSessionCheckForStaticAssets(this IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = context => IsStaticAsset(context.HttpContext) ? Task.CompletedTask : validate(context);
        });

    private sealed class StaticAssetMarker;
}
