using k8s;
using Microsoft.Extensions.Options;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// Builds the Kubernetes client on first use, so a missing or broken kubeconfig is a logged, retried watch
/// failure rather than a crash at start. The kubeconfig is read asynchronously and callers wait for the first build
/// without holding a thread: KubernetesClient's synchronous <c>BuildConfigFromConfigFile</c> blocks on its own async
/// file read, which needs a thread-pool thread to finish, so twenty in-process agents building their clients at once
/// parked every pool thread and starved the console for tens of seconds while the pool grew one thread a second.
/// A failed build is not kept: the next call tries again.
/// </summary>
internal sealed class KubernetesClientProvider(IOptions<AgentOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _build = new(1, 1);
    private IKubernetes? _client;
    private volatile bool _disposed;

    public async ValueTask<IKubernetes> GetClientAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } built)
        {
            return built;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        await _build.WaitAsync(cancellationToken);
        try
        {
            if (_client is { } client)
            {
                return client;
            }

            client = new k8s.Kubernetes(await BuildConfigurationAsync(options.Value));
            if (_disposed)
            {
                client.Dispose();
                ObjectDisposedException.ThrowIf(true, this);
            }

            Volatile.Write(ref _client, client);
            return client;
        }
        finally
        {
            _build.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _client, null)?.Dispose();
    }

    internal static async Task<KubernetesClientConfiguration> BuildConfigurationAsync(AgentOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            return await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(options.Kubeconfig));
        }

        return Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 }
            ? KubernetesClientConfiguration.InClusterConfig()
            : await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(KubernetesClientConfiguration.KubeConfigDefaultLocation));
    }
}
