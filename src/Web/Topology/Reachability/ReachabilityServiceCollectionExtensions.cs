using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Multinet.Web.Topology.Reachability;

public static class ReachabilityServiceCollectionExtensions
{
    /// <summary>The reachability and isolation engine over the live state (<see cref="ReachabilityService"/>).</summary>
    public static IServiceCollection AddReachability(this IServiceCollection services)
    {
        services.TryAddSingleton<ReachabilityService>();
        return services;
    }
}
