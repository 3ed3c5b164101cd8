using k8s;

namespace Multinet.Kube;

/// <summary>
/// Where the console's cluster configuration comes from: a real cluster's kubeconfig or in-cluster ServiceAccount, or the
/// kubeconfig the embedded API writes once it listens.
/// </summary>
public interface IKubeconfigSource
{
    Task<string> GetKubeconfigPathAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The client configuration; by default read from <see cref="GetKubeconfigPathAsync"/>'s file, asynchronously (the
    /// library's synchronous read blocks a pool thread on its own async read).
    /// </summary>
    async Task<KubernetesClientConfiguration> GetConfigurationAsync(CancellationToken cancellationToken) =>
        await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(await GetKubeconfigPathAsync(cancellationToken)));
}
