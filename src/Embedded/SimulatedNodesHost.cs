using k8s;
using Microsoft.Extensions.Options;
using Multinet.Agent;
using Multinet.Agent.Dataplane;
using Multinet.Shared.Contracts;
using Multinet.KubeApi;

namespace Multinet.Embedded;

/// <summary>
/// Runs the simulated nodes of the embedded mode: for each, the real agent (through its public host builder) with
/// its own Kubernetes client to the embedded API and its own gRPC stream to this console, both over loopback,
/// driving a <see cref="SimulatedDataplane"/> (from <see cref="SimulatedNodes"/>, on one fabric) that outlives agent restarts like a node's VPP does. On shutdown the agents
/// stop first, before the web server and the embedded API they talk to: their streams end cleanly instead of holding
/// the server until its shutdown timeout and retrying against an API that is gone. The agents report to the host's
/// <see cref="IAgentGatewayAddress"/> where it has one (the gateway's bound address), else to the configured URL.
/// </summary>
internal sealed partial class SimulatedNodesHost(
    IEmbeddedApiEndpoint endpoint,
    SimulatedNodes nodes,
    IOptions<EmbeddedClusterOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<SimulatedNodesHost> logger,
    IAgentCredentialSource? credentials = null,
    IAgentGatewayAddress? gateway = null) : BackgroundService, IHostedLifecycleService
{
    private readonly List<IHost> _agents = [];


    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var api = await endpoint.WhenReadyAsync(stoppingToken);
        // Read after the API is ready, i.e. after the server started: a configured port of 0 is then the one it bound.
        var consoleUrl = LoopbackUrl(gateway?.Url ?? options.Value.ConsoleGrpcUrl);
        // Read the kubeconfig once before the agents do: the first read initialises KubernetesClient's YAML support (its
        // serializers and compiled expressions), seconds on a busy machine, and every agent reading it at once would park
        // a pool thread each on that one-time initialisation.
        await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(api.KubeconfigPath));
        for (var i = 1; i <= options.Value.SimulatedNodes; i++)
        {
            var node = $"node-{i}";
            var dataplane = nodes.For(node);
            var agentOptions = new AgentOptions
            {
                NodeName = node,
                ConsoleUrl = consoleUrl,
                ConsoleToken = credentials?.Credential,
                Kubeconfig = api.KubeconfigPath,
                Dataplane = DataplaneKinds.Simulated,
            };
            var agent = AgentHost.CreateBuilder(agentOptions, dataplane, ConfigureLogging).Build();
            await agent.StartAsync(stoppingToken);
            _agents.Add(agent);
        }

        LogStarted(_agents.Count, consoleUrl);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before any hosted service stops, the web server included.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var agent in _agents)
        {
            await agent.StopAsync(cancellationToken);
            agent.Dispose();
        }

        _agents.Clear();
    }

    /// <summary>Agents log through the console's logging; their hosts' own start/stop chatter is left out.</summary>
    private void ConfigureLogging(ILoggingBuilder logging) => logging
        .AddProvider(new ForwardingLoggerProvider(loggerFactory))
        .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

    /// <summary>The gRPC URL as a local client reaches it: a wildcard bind address becomes 127.0.0.1.</summary>
    internal static string LoopbackUrl(string url)
    {
        var uri = new UriBuilder(url);
        if (uri.Host is "0.0.0.0" or "*" or "+" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Count} simulated nodes reporting to {ConsoleUrl}.")]
    private partial void LogStarted(int count, string consoleUrl);
}
