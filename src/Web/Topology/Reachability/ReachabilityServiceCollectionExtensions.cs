using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Multinet.Web.Topology.Reachability;

public static class ReachabilityServiceCollectionExtensions
{
    /// <summary>The reachability and isolation engine over the live state (<see cref="ReachabilityService"/>), the probes beside it (<see cref="ProbeService"/>) and the topology graphs they are drawn on (<see cref="TopologyGraphCache"/>, kept warm by <see cref="TopologyGraphWarmer"/>).</summary>
    public static IServiceCollection AddReachability(this IServiceCollection services)
    {
        services.TryAddSingleton<ReachabilityService>();
        services.TryAddSingleton<Grpc.AgentProbes>();
        services.TryAddSingleton<ProbeService>();
        services.TryAddSingleton<TopologyGraphCache>();
        services.AddHostedService<TopologyGraphWarmer>();
        return services;
    }
}
