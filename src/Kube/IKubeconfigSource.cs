using k8s;

namespace Multinet.Kube;

/// <summary>
/// Where the console's cluster configuration comes from: a real cluster's kubeconfig or in-cluster ServiceAccount, or the
/// kubeconfig the embedded API writes once it listens.
/// </summary>
public interface IKubeconfigSource
{
    Task<string> GetKubeconfigPathAsync(CancellationToken cancellationToken);

    /// <summary>The client configuration; by default read from <see cref="GetKubeconfigPathAsync"/>'s file.</summary>
    async Task<KubernetesClientConfiguration> GetConfigurationAsync(CancellationToken cancellationToken) =>
        KubernetesClientConfiguration.BuildConfigFromConfigFile(await GetKubeconfigPathAsync(cancellationToken));
}
