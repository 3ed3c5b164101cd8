using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Multinet.Kube;
using Multinet.KubeApi;

namespace Multinet.Embedded;

public static class EmbeddedServiceCollectionExtensions
{
    /// <summary>
    /// The embedded default, for a host with no cluster configured: serves the Kubernetes-compatible API from this
    /// host (its kubeconfig becomes the host's <see cref="IKubeconfigSource"/>), runs the simulated nodes' agents
    /// reporting to <paramref name="consoleGrpcUrl"/>, and the simulated scheduler, Multus and Whereabouts.
    /// </summary>
    /// <param name="builder">The host.</param>
    /// <param name="dataDir">Where the API's store, kubeconfig and token live.</param>
    /// <param name="consoleGrpcUrl">The host's agent gateway; never written into the kubeconfig.</param>
    public static WebApplicationBuilder AddEmbeddedCluster(this WebApplicationBuilder builder, string dataDir, string consoleGrpcUrl)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddKubeApi(dataDir, consoleGrpcUrl);

        var services = builder.Services;
        services.AddOptions<EmbeddedClusterOptions>().BindConfiguration(EmbeddedClusterOptions.SectionName).PostConfigure(o =>
        {
            o.DataDir = dataDir;
            o.ConsoleGrpcUrl = consoleGrpcUrl;
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddedClusterOptions>, ValidateEmbeddedClusterOptions>());
        services.Replace(ServiceDescriptor.Singleton<IKubeconfigSource, EmbeddedKubeconfigSource>());
        services.AddSingleton<SimulatedNodes>();
        services.AddSingleton<SimulatedNodesHost>();
        services.AddHostedService(provider => provider.GetRequiredService<SimulatedNodesHost>());
        services.AddSingleton<SimulatedClusterHost>();
        services.AddHostedService(provider => provider.GetRequiredService<SimulatedClusterHost>());
        return builder;
    }
}
