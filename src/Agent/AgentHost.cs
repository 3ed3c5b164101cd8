using System.Globalization;
using System.Reflection;
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

        // The options reach the host as configuration, bound by the same AddAgent as the agent process: no setting is
        // copied by hand, so none can be left behind.
        builder.Configuration.AddInMemoryCollection(AsConfiguration(options));
        if (dataplane is not null)
        {
            builder.Services.TryAddSingleton(dataplane);
        }

        builder.AddAgent();
        return builder;
    }

    /// <summary>Every public setting of <paramref name="options"/> that has a value, as an <c>Agent:Name</c> key in the invariant culture.</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(AgentOptions options) =>
        from property in typeof(AgentOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property is { CanRead: true, CanWrite: true }
        let value = property.GetValue(options)
        where value is not null
        select KeyValuePair.Create($"{AgentOptions.SectionName}:{property.Name}", Convert.ToString(value, CultureInfo.InvariantCulture));
}
