namespace Multinet.Web.Auth;

/// <summary>
/// Headers on every console response. The CSP allows what Blazor Server (its own scripts, a WebSocket to the same
/// origin), MudBlazor (inline styles) and the Monaco editor (scripts from _content, inline styles, workers from blob:
/// URLs, its font) need, and nothing from elsewhere; no page may be framed.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store"; // after sign-out, the back button must not show a cached page
            }

            if (!context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) ?? true)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
