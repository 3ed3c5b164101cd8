using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Multinet.Agent.Controllers;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Kubernetes;
using Multinet.Agent.Reconciliation;
using Multinet.Agent.Reporting;
using Multinet.Agent.Telemetry;

namespace Multinet.Agent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>Registers the agent, configured from the "Agent" section: watchers, reconciler, dataplane driver and the report stream.</summary>
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.SectionName).ValidateOnStart();
        builder.Services.AddAgentServices();
        return builder;
    }

    /// <summary>Everything but the options source. Defaults are added with TryAdd so a host or test can supply its own first.</summary>
    internal static IServiceCollection AddAgentServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, ValidateAgentOptions>());
        services.TryAddSingleton<IDataplane>(CreateDataplane);
        services.TryAddSingleton<KubernetesClientProvider>();
        services.TryAddSingleton<ReconcileTrigger>();
        services.TryAddSingleton<ClusterCache>();
        services.TryAddSingleton<IClusterViewSource>(sp => sp.GetRequiredService<ClusterCache>());
        services.TryAddSingleton<NodeStatusStore>();
        services.TryAddSingleton<AgentMetrics>();
        services.TryAddSingleton<KubernetesConnection>();
        services.AddHostedService<ClusterWatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IClusterController, EndpointSliceController>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IClusterController, NetworkStatusController>());
        services.AddHostedService<NodeReconciler>();
        services.AddHostedService<NodeNetworkStatePublisher>();
        services.AddHostedService<ClusterControllers>();
        services.AddHostedService<NodeStateReporter>();
        return services;
    }

    private static IDataplane CreateDataplane(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AgentOptions>>().Value;
        return options.Dataplane switch
        {
            _ when string.Equals(options.Dataplane, DataplaneKinds.Simulated, StringComparison.OrdinalIgnoreCase) => new SimulatedDataplane(),
            _ when string.Equals(options.Dataplane, DataplaneKinds.Vpp, StringComparison.OrdinalIgnoreCase) =>
                new VppDataplane(options.VppApiSocket, $"multinet-agent-{options.NodeName}", services.GetRequiredService<ILogger<VppDataplane>>()),
            _ => throw new InvalidOperationException($"Agent:Dataplane \"{options.Dataplane}\" has no driver."),
        };
    }
}
