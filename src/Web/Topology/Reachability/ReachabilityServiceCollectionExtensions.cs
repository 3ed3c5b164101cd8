using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Multinet.Web.Topology.Reachability;

public static class ReachabilityServiceCollectionExtensions
{
    /// <summary>The reachability and isolation engine over the live state (<see cref="ReachabilityService"/>) and the probes beside it (<see cref="ProbeService"/>).</summary>
    public static IServiceCollection AddReachability(this IServiceCollection services)
    {
        services.TryAddSingleton<ReachabilityService>();
        services.TryAddSingleton<Grpc.AgentProbes>();
        services.TryAddSingleton<ProbeService>();
        services.TryAddSingleton<TopologyGraphCache>();
        return services;
    }
}
