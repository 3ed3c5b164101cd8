using Multinet.Web.KubeApi.Hosting;
using Multinet.Web.KubeApi.Http;

namespace Multinet.Web.KubeApi;

public static class KubeApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps the embedded API under /k8s when <see cref="KubeApiServiceCollectionExtensions.AddEmbeddedKubeApi"/> registered it.</summary>
    public static WebApplication MapEmbeddedKubeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<KubeApiDispatcher>() is null)
        {
            return app;
        }

        var group = app.MapGroup(KubeconfigWriter.PathBase)
            .AddEndpointFilter<BearerTokenFilter>()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        group.Map("{**path}", (HttpContext context, string? path, KubeApiDispatcher dispatcher) => dispatcher.HandleAsync(context, path));
        return app;
    }
}
