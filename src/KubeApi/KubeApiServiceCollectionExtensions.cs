using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Multinet.KubeApi.Hosting;
using Multinet.KubeApi.Http;
using Multinet.KubeApi.Resources;
using Multinet.KubeApi.Storage;

namespace Multinet.KubeApi;

public static class KubeApiServiceCollectionExtensions
{
    /// <summary>
    /// Serves the Kubernetes-compatible API from this host: under <c>/k8s</c> on the host's own endpoints and on its
    /// own TLS port (<see cref="KubeApiOptions.Port"/>), stored in SQLite in <paramref name="dataDir"/>, answering only
    /// requests that carry its bearer token. The API is a branch of the request pipeline ahead of the host's own
    /// middleware and endpoints, so the host needs no further call to map it.
    /// </summary>
    /// <param name="builder">The host.</param>
    /// <param name="dataDir">Where the store, certificate, token and kubeconfig live.</param>
    /// <param name="excludedUrl">An endpoint of the host's that must not be written into the kubeconfig (an HTTP/2-only gRPC port).</param>
    public static WebApplicationBuilder AddKubeApi(this WebApplicationBuilder builder, string dataDir, string? excludedUrl)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);

        var tuning = builder.Configuration.GetSection(KubeApiOptions.SectionName).Get<KubeApiOptions>() ?? new KubeApiOptions();
        tuning.DataDir = dataDir;
        var advertisedHost = string.IsNullOrWhiteSpace(tuning.AdvertisedHost) ? "127.0.0.1" : tuning.AdvertisedHost.Trim();
        var listener = new ApiListener(ApiCertificate.LoadOrCreate(tuning.DataPath("kube-api.pfx"), advertisedHost),
            IPAddress.Parse(tuning.BindAddress), tuning.Port, advertisedHost);
        builder.WebHost.ConfigureKestrel(listener.Configure);

        // Every write runs a few SQL commands; their Information logs would drown the host's own.
        builder.Logging.AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(listener);
        services.AddOptions<KubeApiOptions>().BindConfiguration(KubeApiOptions.SectionName).PostConfigure(o =>
        {
            o.DataDir = dataDir;
            o.ExcludedUrl = excludedUrl;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<KubeApiDbContext>((provider, db) =>
            db.UseSqlite($"Data Source={provider.GetRequiredService<IOptions<KubeApiOptions>>().Value.DataPath("kube-api.db")}"));
        services.TryAddSingleton(provider => new ResourceRegistry(
            BuiltInResources.Serving(provider.GetRequiredService<IOptions<KubeApiOptions>>().Value.ServeKubeVirt)));
        services.TryAddSingleton<ObjectStore>();
        services.TryAddSingleton<ApiTokenProvider>();
        services.TryAddSingleton<ServiceAccountTokens>();
        services.TryAddSingleton<TokenEndpoints>();
        services.TryAddSingleton<ResourceReadHandler>();
        services.TryAddSingleton<ResourceWriteHandler>();
        services.TryAddSingleton<KubeVirtSubresources>();
        services.TryAddSingleton<KubeApiDispatcher>();
        services.TryAddSingleton<KubeconfigWriter>();
        services.TryAddSingleton<IEmbeddedApiEndpoint>(provider => provider.GetRequiredService<KubeconfigWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<KubeconfigWriter>());
        services.AddTransient<IStartupFilter, KubeApiStartupFilter>();
        return builder;
    }
}
