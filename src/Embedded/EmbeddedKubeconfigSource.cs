using Multinet.Kube;
using Multinet.KubeApi;

namespace Multinet.Embedded;

/// <summary>In embedded mode the console talks to its own API through the kubeconfig that API writes once it listens.</summary>
internal sealed class EmbeddedKubeconfigSource(IEmbeddedApiEndpoint endpoint) : IKubeconfigSource
{
    public async Task<string> GetKubeconfigPathAsync(CancellationToken cancellationToken) =>
        (await endpoint.WhenReadyAsync(cancellationToken)).KubeconfigPath;
}
