using Microsoft.Extensions.DependencyInjection.Extensions;
using Multinet.Agent.Dataplane;

namespace Multinet.Agent;

/// <summary>
/// Builds an agent host from code rather than configuration, so one process can run several agents
/// (the console's simulated nodes): each host gets only the options it is given, no config files,
/// environment variables or command line.
/// </summary>
public static class AgentHost
{
    /// <param name="options">The agent's settings; validated when the host starts.</param>
    /// <param name="dataplane">A dataplane to drive, e.g. a <see cref="SimulatedDataplane"/> kept across restarts; null: built from <see cref="AgentOptions.Dataplane"/>.</param>
    /// <param name="configureLogging">Adds logging providers; none are added otherwise.</param>
    public static HostApplicationBuilder CreateBuilder(AgentOptions options, IDataplane? dataplane = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = typeof(AgentHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddLogging();
        configureLogging?.Invoke(builder.Logging);

        builder.Services.AddOptions<AgentOptions>().Configure(o =>
        {
            o.NodeName = options.NodeName;
            o.ConsoleUrl = options.ConsoleUrl;
            o.ConsoleToken = options.ConsoleToken;
            o.ConsoleTokenFile = options.ConsoleTokenFile;
            o.Kubeconfig = options.Kubeconfig;
            o.Dataplane = options.Dataplane;
            o.VppApiSocket = options.VppApiSocket;
            o.ResyncInterval = options.ResyncInterval;
            o.HeartbeatInterval = options.HeartbeatInterval;
            o.MissingKindRetryInterval = options.MissingKindRetryInterval;
            o.ControllersEnabled = options.ControllersEnabled;
            o.LeaseNamespace = options.LeaseNamespace;
            o.LeaseDuration = options.LeaseDuration;
            o.RenewDeadline = options.RenewDeadline;
            o.RetryPeriod = options.RetryPeriod;
        }).ValidateOnStart();
        if (dataplane is not null)
        {
            builder.Services.TryAddSingleton(dataplane);
        }

        builder.Services.AddAgentServices();
        return builder;
    }
}
