using Multinet.Web.Configuration;
using Multinet.Web.Cluster;

namespace Multinet.Web.Embedded;

internal static class EmbeddedServiceCollectionExtensions
{
    /// <summary>With no cluster configured: the console reads its own embedded API and hosts the simulated nodes.</summary>
    public static WebApplicationBuilder AddEmbeddedCluster(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(MultinetOptions.SectionName).Get<MultinetOptions>() ?? new MultinetOptions();
        if (!settings.IsEmbedded)
        {
            return builder;
        }

        builder.Services.AddSingleton<IKubeconfigSource, EmbeddedKubeconfigSource>();
        builder.Services.AddSingleton<SimulatedNodesHost>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SimulatedNodesHost>());
        builder.Services.AddSingleton<SimulatedClusterHost>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SimulatedClusterHost>());
        return builder;
    }
}
