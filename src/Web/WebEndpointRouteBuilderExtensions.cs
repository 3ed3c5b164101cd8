using Microsoft.Extensions.Options;
using Multinet.Web.Api;
using Multinet.Web.Components;
using Multinet.Web.Configuration;
using Multinet.Web.Grpc;
using Multinet.Web.Hubs;
using Multinet.Web.Telemetry;
using Multinet.Web.Timeline;
using Multinet.Web.Yaml;

namespace Multinet.Web;

public static class WebEndpointRouteBuilderExtensions
{
    public static WebApplication MapWebEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        KestrelEndpoints.BindOnlyConfiguredEndpoints(app);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // Agents' streams are served only on the HTTP/2-only endpoint.
        var settings = app.Services.GetRequiredService<IOptions<MultinetOptions>>().Value;
        var grpcPort = new Uri(settings.GrpcUrl).Port;
        if (!settings.UsesAgentTokens)
        {
            _ = app.Services.GetRequiredService<AgentSecret>().Value; // written now, for agents that read it from the data directory
        }

        app.MapGrpcService<AgentGatewayService>().RequireHost($"*:{grpcPort}");
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapConsoleApi();
        app.MapTimelineApi();
        app.MapYamlApi();
        app.MapConsoleTelemetry();
        return app;
    }
}
