using Multinet.Web.Components;
using Multinet.Web.KubeApi;

namespace Multinet.Web;

public static class WebEndpointRouteBuilderExtensions
{
    public static WebApplication MapWebEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseAntiforgery();
        app.MapEmbeddedKubeApi();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
