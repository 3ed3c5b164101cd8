namespace Multinet.Agent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>Registers the agent: watchers, planner, reconciler, dataplane driver and the report stream.</summary>
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
