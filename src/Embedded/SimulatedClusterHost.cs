using k8s;
using Microsoft.Extensions.Options;
using Multinet.KubeApi;
using Multinet.Shared.Threading;

namespace Multinet.Embedded;

/// <summary>
/// The control plane of the simulated cluster, on the embedded API through its kubeconfig like any client: the Node
/// objects of the simulated nodes, the demo workload on first start (<see cref="EmbeddedClusterOptions.SeedDemo"/>), then
/// the simulated scheduler, Multus and Whereabouts (<see cref="SimulatedMultus"/>), KubeVirt's virt-controller
/// (<see cref="SimulatedVirtController"/>) and the Deployment and ReplicaSet controllers (<see cref="SimulatedWorkloads"/>)
/// while there are simulated nodes.
/// </summary>
internal sealed partial class SimulatedClusterHost(
    IEmbeddedApiEndpoint endpoint,
    IOptions<EmbeddedClusterOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    ILogger<SimulatedClusterHost> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the Node objects are in place and the demo workload is seeded (or was before, or is off).</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var api = await endpoint.WhenReadyAsync(stoppingToken);
        using var client = new Kubernetes(await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(api.KubeconfigPath)));
        var settings = options.Value;
        for (var failures = 0; !stoppingToken.IsCancellationRequested;)
        {
            try
            {
                await SimulatedNodeObjects.SyncAsync(client, settings.SimulatedNodes, timeProvider, stoppingToken);
                if (settings.SeedDemo && await DemoSeeder.SeedAsync(client, timeProvider, stoppingToken))
                {
                    LogSeeded();
                }

                _ready.TrySetResult();
                if (settings.SimulatedNodes > 0)
                {
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var multus = new SimulatedMultus(client, settings.SimulatedNodes, timeProvider, loggerFactory.CreateLogger<SimulatedMultus>());
                    var virt = new SimulatedVirtController(client, timeProvider, loggerFactory.CreateLogger<SimulatedVirtController>());
                    var workloads = new SimulatedWorkloads(client, timeProvider, loggerFactory.CreateLogger<SimulatedWorkloads>());
                    var running = new[] { multus.RunAsync(either.Token), virt.RunAsync(either.Token), workloads.RunAsync(either.Token) };
                    var first = await Task.WhenAny(running);
                    await either.CancelAsync();
                    await Task.WhenAll(running).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                    await first; // a failure of any restarts them all
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                LogFailed(ex, failures);
                await Task.Delay(Backoff.Exponential(failures, TimeSpan.FromSeconds(30)), timeProvider, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo workload: Networks blue and red, their NADs, pods, my-service and my-policy.")]
    private partial void LogSeeded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated cluster: setting up failed ({Failures} in a row); retrying.")]
    private partial void LogFailed(Exception exception, int failures);
}
