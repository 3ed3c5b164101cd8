using k8s;
using Microsoft.Extensions.Options;
using Multinet.Kube;
using Multinet.Web.Configuration;

namespace Multinet.Web.Cluster;

/// <summary>
/// A real cluster: the kubeconfig named by Multinet:Kubeconfig or KUBECONFIG, or with Multinet:InCluster the pod's own
/// ServiceAccount (in-cluster configuration).
/// </summary>
internal sealed class ConfiguredKubeconfigSource(IOptions<MultinetOptions> options) : IKubeconfigSource
{
    public Task<string> GetKubeconfigPathAsync(CancellationToken cancellationToken) =>
        Task.FromResult(options.Value.EffectiveKubeconfig(Environment.GetEnvironmentVariable)
            ?? throw new InvalidOperationException("No kubeconfig is configured."));

    public async Task<KubernetesClientConfiguration> GetConfigurationAsync(CancellationToken cancellationToken) => options.Value.InCluster
        ? KubernetesClientConfiguration.InClusterConfig()
        : await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(await GetKubeconfigPathAsync(cancellationToken)));
}
