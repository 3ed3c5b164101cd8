using Microsoft.Extensions.Options;
using Multinet.Web.Api;
using Multinet.Web.Auth;
using Multinet.Web.Components;
using Multinet.Web.Configuration;
using Multinet.Web.Grpc;
using Multinet.Web.Hubs;
using Multinet.Web.Simulation;
using Multinet.Web.Telemetry;
using Multinet.Web.Timeline;
using Multinet.Web.Topology.Reachability;
using Multinet.Web.Yaml;

namespace Multinet.Web;

public static class WebEndpointRouteBuilderExtensions
{
    public static WebApplication MapWebEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        KestrelEndpoints.BindOnlyConfiguredEndpoints(app);
        app.UseHsts(); // sent only on responses over TLS
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Every endpoint needs a signed-in viewer unless it says otherwise (the fallback policy); these are the exceptions.
        app.MapStaticAssets().AllowAnonymous().AsStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // Agents' streams are served only on the HTTP/2-only endpoint (the port it bound: AgentGatewayOnlyPolicy), with the agents' own credentials, never a browser's.
        var settings = app.Services.GetRequiredService<IOptions<MultinetOptions>>().Value;
        if (!settings.UsesAgentTokens)
        {
            _ = app.Services.GetRequiredService<AgentSecret>().Value; // written now, for agents that read it from the data directory
        }

        app.MapGrpcService<AgentGatewayService>().WithMetadata(new AgentGatewayOnlyAttribute()).AllowAnonymous();
        app.MapHub<LiveHub>(LiveHub.Path).RequireAuthorization(ConsolePolicies.Viewer);
        app.MapConsoleAuth();
        app.MapConsoleApi();
        app.MapTimelineApi();
        app.MapYamlApi();
        app.MapReachabilityApi();
        app.MapSimulationApi();
        app.MapConsoleTelemetry();
        return app;
    }
}
