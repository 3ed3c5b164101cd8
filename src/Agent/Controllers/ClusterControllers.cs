using Microsoft.Extensions.Options;
using Multinet.Agent.Kubernetes;

namespace Multinet.Agent.Controllers;

/// <summary>
/// Competes for the controllers' Lease and, while this agent leads, runs the cluster controllers (EndpointSlices,
/// Network status) on the <see cref="ClusterCache"/>. Only the leader writes.
/// </summary>
internal sealed class ClusterControllers(KubernetesClientProvider clients, ClusterCache cache, IEnumerable<IClusterController> controllers,
    IOptions<AgentOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly LeaseElector _elector = new(clients, LeaseElectorSettings.ForControllers(options.Value), loggerFactory.CreateLogger<LeaseElector>());

    public LeaseElector Elector => _elector;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ControllersEnabled)
        {
            return Task.CompletedTask;
        }

        var loop = new ControllerLoop(cache, timeProvider, options.Value.ResyncInterval, loggerFactory.CreateLogger<ClusterControllers>());
        return _elector.RunAsync(leading => Task.WhenAll(controllers.Select(c => loop.RunAsync(c, leading))), stoppingToken);
    }
}
