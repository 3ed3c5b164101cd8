using System.Collections.Concurrent;
using k8s;
using Multinet.Kube;

namespace Multinet.Web.Cluster;

/// <summary>
/// The console's Kubernetes clients, built once the kubeconfig is known: one as the console itself (the watch cache,
/// reads) and, with <paramref name="impersonate"/> (a real cluster), one per person writing, sent as that person.
/// </summary>
internal sealed class ClusterAccess(IKubeconfigSource source, bool impersonate = false) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<WriteActor, IKubernetes> _asPerson = new();
    private KubernetesClientConfiguration? _configuration;
    private IKubernetes? _client;

    public bool Impersonates => impersonate;

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
                _configuration = await source.GetConfigurationAsync(cancellationToken);
                _client = new Kubernetes(_configuration);
            }

            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The client a write for <paramref name="actor"/> goes through: impersonating it on a real cluster, else the console's own.</summary>
    public async Task<IKubernetes> GetClientAsync(WriteActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var own = await GetClientAsync(cancellationToken);
        return impersonate ? _asPerson.GetOrAdd(actor, a => new Kubernetes(_configuration!, new ImpersonationHandler(a))) : own;
    }

    public void Dispose()
    {
        _client?.Dispose();
        foreach (var client in _asPerson.Values)
        {
            client.Dispose();
        }

        _gate.Dispose();
    }
}
