using Multinet.KubeApi.Hosting;

namespace Multinet.KubeApi.Http;

/// <summary>
/// Puts the API in front of the host's pipeline: requests under <see cref="KubeconfigWriter.PathBase"/> carry the
/// API's bearer token (401 with a Status otherwise) and are answered by the <see cref="KubeApiDispatcher"/>; all
/// others go on to the host.
/// </summary>
internal sealed class KubeApiStartupFilter : IStartupFilter
{
    private const string Scheme = "Bearer ";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var tokens = app.ApplicationServices.GetRequiredService<ApiTokenProvider>();
        var dispatcher = app.ApplicationServices.GetRequiredService<KubeApiDispatcher>();
        app.Map(KubeconfigWriter.PathBase, api => api.Run(context => HandleAsync(context, tokens, dispatcher)));
        next(app);
    };

    private static Task HandleAsync(HttpContext context, ApiTokenProvider tokens, KubeApiDispatcher dispatcher)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (!tokens.IsValid(token))
        {
            var error = KubeStatus.Unauthorized();
            return KubeHttp.WriteJsonAsync(context, error.Code, error.ToStatus(), context.RequestAborted);
        }

        return dispatcher.HandleAsync(context, context.Request.Path.Value?.TrimStart('/'));
    }
}
