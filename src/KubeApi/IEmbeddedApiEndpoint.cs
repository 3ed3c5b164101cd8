namespace Multinet.KubeApi;

/// <summary>
/// Where the console's embedded Kubernetes-compatible API can be reached, once the server is listening and the
/// kubeconfig is written. Registered only in embedded mode (no kubeconfig configured).
/// </summary>
public interface IEmbeddedApiEndpoint
{
    /// <summary>Completes when the kubeconfig has been written.</summary>
    Task<EmbeddedApiInfo> WhenReadyAsync(CancellationToken cancellationToken);
}
