using k8s;
using Microsoft.Extensions.Options;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// Builds the Kubernetes client on first use, so a missing or broken kubeconfig is a logged, retried watch
/// failure rather than a crash at start.
/// </summary>
internal sealed class KubernetesClientProvider(IOptions<AgentOptions> options) : IDisposable
{
    private readonly Lock _lock = new();
    private IKubernetes? _client;

    public IKubernetes GetClient()
    {
        lock (_lock)
        {
            return _client ??= new k8s.Kubernetes(BuildConfiguration(options.Value));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _client?.Dispose();
            _client = null;
        }
    }

    internal static KubernetesClientConfiguration BuildConfiguration(AgentOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
        }

        return Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 }
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile();
    }
}
