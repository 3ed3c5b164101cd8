using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Multinet.Web.Configuration;
using Multinet.Web.KubeApi.Hosting;
using Multinet.Web.KubeApi.Http;
using Multinet.Web.KubeApi.Resources;
using Multinet.Web.KubeApi.Storage;

namespace Multinet.Web.KubeApi;

public static class KubeApiServiceCollectionExtensions
{
    /// <summary>
    /// The embedded Kubernetes-compatible API (served under /k8s, stored in SQLite in the data directory), registered
    /// only in embedded mode: when neither Multinet:Kubeconfig nor KUBECONFIG names a cluster.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedKubeApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var settings = builder.Configuration.GetSection(MultinetOptions.SectionName).Get<MultinetOptions>() ?? new MultinetOptions();
        if (!settings.IsEmbedded)
        {
            return builder;
        }

        var tuning = builder.Configuration.GetSection(KubeApiOptions.SectionName).Get<KubeApiOptions>() ?? new KubeApiOptions();
        var advertisedHost = string.IsNullOrWhiteSpace(tuning.AdvertisedHost) ? "127.0.0.1" : tuning.AdvertisedHost.Trim();
        var listener = new ApiListener(ApiCertificate.LoadOrCreate(settings.DataPath("kube-api.pfx"), advertisedHost),
            IPAddress.Parse(tuning.BindAddress), tuning.Port, advertisedHost);
        builder.WebHost.ConfigureKestrel(listener.Configure);

        // Every write runs a few SQL commands; their Information logs would drown the console's own.
        builder.Logging.AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(listener);
        services.AddOptions<KubeApiOptions>().BindConfiguration(KubeApiOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContextFactory<KubeApiDbContext>((provider, db) =>
            db.UseSqlite($"Data Source={provider.GetRequiredService<IOptions<MultinetOptions>>().Value.DataPath("kube-api.db")}"));
        services.TryAddSingleton(_ => new ResourceRegistry(BuiltInResources.All));
        services.TryAddSingleton<ObjectStore>();
        services.TryAddSingleton<ApiTokenProvider>();
        services.TryAddSingleton<ResourceReadHandler>();
        services.TryAddSingleton<ResourceWriteHandler>();
        services.TryAddSingleton<KubeApiDispatcher>();
        services.TryAddSingleton<BearerTokenFilter>();
        services.TryAddSingleton<KubeconfigWriter>();
        services.TryAddSingleton<IEmbeddedApiEndpoint>(provider => provider.GetRequiredService<KubeconfigWriter>());
        services.AddHostedService(provider => provider.GetRequiredService<KubeconfigWriter>());
        return builder;
    }
}
