using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Multinet.Kube;
using Multinet.Web.Auth;
using Multinet.Web.Cluster;
using Multinet.Web.Configuration;
using Multinet.Web.Grpc;
using Multinet.Web.Hubs;
using Multinet.Web.State;
using Multinet.Web.Telemetry;
using Multinet.Web.Timeline;
using Multinet.Web.Topology.Reachability;

namespace Multinet.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Everything the console needs: options, endpoints, UI, live state, gRPC gateway and the cluster connection.</summary>
    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<MultinetOptions>().BindConfiguration(MultinetOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MultinetOptions>, ValidateMultinetOptions>();
        services.TryAddSingleton(TimeProvider.System);
        KestrelEndpoints.Configure(builder);

        // Serve static assets (MudBlazor's, the top-level wwwroot) from where the build put them in every environment,
        // not only in Development: the end-to-end tests and simulated setups run the built output. A no-op once published.
        builder.WebHost.UseStaticWebAssets();
        // Served from a build's manifest, assets would otherwise get the hot-reload handler: no-store on every script and
        // style (612 KiB of MudBlazor's CSS fetched again by every page) and no compressed variants. Off, they get the
        // published headers: fingerprinted files cached for a year (immutable), compressed when the browser accepts it.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

        services.AddConsoleAuth(builder.Configuration);
        // A closed tab's circuit is kept for a minute (not three) and at most 20 of them: each holds its pages' rows,
        // which at 10,000 pods is tens of MiB (bench/console-scale.sh). Meanwhile it does no live work (LiveUpdates).
        services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(1);
            o.DisconnectedCircuitMaxRetained = 20;
        });
        services.AddMudServices();

        services.TryAddSingleton<LiveState>();
        services.TryAddScoped<LiveUpdates>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, LiveUpdatesCircuitHandler>());
        services.AddSingleton<AgentConnections>();
        services.TryAddSingleton<AgentReportQueue>();
        services.TryAddSingleton<AgentSecret>();
        services.TryAddSingleton<Multinet.Shared.Contracts.IAgentCredentialSource>(provider => provider.GetRequiredService<AgentSecret>());
        services.TryAddSingleton<TokenReviewAgentAuthenticator>();
        services.TryAddSingleton<SharedSecretAgentAuthenticator>();
        services.TryAddSingleton<IAgentAuthenticator>(provider =>
            provider.GetRequiredService<IOptions<MultinetOptions>>().Value.UsesAgentTokens
                ? provider.GetRequiredService<TokenReviewAgentAuthenticator>()
                : provider.GetRequiredService<SharedSecretAgentAuthenticator>());
        services.AddGrpc(o => o.Interceptors.Add<BrowserIdentityInterceptor>());
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddHostedService<LiveHubPublisher>();
        services.AddHostedService<NodeStalenessMonitor>();

        services.TryAddSingleton<IKubeconfigSource, ConfiguredKubeconfigSource>();
        // Writes go as the signed-in person of the page (scoped), impersonating them on a real cluster.
        services.TryAddSingleton(provider => new ClusterAccess(provider.GetRequiredService<IKubeconfigSource>(),
            impersonate: provider.GetRequiredService<IOptions<ConsoleAuthOptions>>().Value.Impersonate
                && !provider.GetRequiredService<IOptions<MultinetOptions>>().Value.IsEmbedded));
        services.TryAddSingleton<DeletionAuthors>();
        services.TryAddScoped<KubeObjectClient>();
        services.TryAddScoped<IKubeObjectClient>(provider => provider.GetRequiredService<KubeObjectClient>());
        services.TryAddScoped<INetworkWriter, NetworkWriter>();
        services.TryAddScoped<VmWriter>();
        services.AddHostedService<NetworkWatchCache>();
        services.AddHostedService<ClusterObjectsWatch>();
        services.AddHostedService<CalicoApiServerCheck>();
        services.AddTimeline();
        services.AddReachability();
        services.AddConsoleTelemetry();
        return builder;
    }
}
