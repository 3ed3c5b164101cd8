using Microsoft.Extensions.Options;
using Multinet.Kube;
using Multinet.Web.Configuration;

namespace Multinet.Web.Cluster;

/// <summary>The kubeconfig named by Multinet:Kubeconfig or KUBECONFIG: a real cluster.</summary>
internal sealed class ConfiguredKubeconfigSource(IOptions<MultinetOptions> options) : IKubeconfigSource
{
    public Task<string> GetKubeconfigPathAsync(CancellationToken cancellationToken) =>
        Task.FromResult(options.Value.EffectiveKubeconfig(Environment.GetEnvironmentVariable)
            ?? throw new InvalidOperationException("No kubeconfig is configured."));
}
