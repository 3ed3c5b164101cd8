using k8s;
using Multinet.Kube;

namespace Multinet.Web.Cluster;

/// <summary>The console's one Kubernetes client, built once the kubeconfig is known. Shared by the watch cache and all writes.</summary>
internal sealed class ClusterAccess(IKubeconfigSource source) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IKubernetes? _client;

    public async Task<IKubernetes> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } client)
        {
            return client;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_client is null)
            {
                var configuration = await source.GetConfigurationAsync(cancellationToken);
                _client = new Kubernetes(configuration);
            }

            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _gate.Dispose();
    }
}
