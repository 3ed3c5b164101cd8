using Microsoft.Extensions.Diagnostics.HealthChecks;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Kubernetes;

namespace Multinet.Agent.Telemetry;

/// <summary>
/// Ready when the API server answers every watch, every watched kind has been listed once (the agent programs from a
/// complete view), and the dataplane answers a table dump. The console is deliberately not part of it: an agent keeps its
/// node's dataplane while the console is away.
/// </summary>
internal sealed class AgentReadinessCheck(IClusterViewSource cache, KubernetesConnection connection, IDataplane dataplane) : IHealthCheck
{
    private static readonly TimeSpan s_dataplaneTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!connection.Reachable)
        {
            var failing = string.Join("; ", connection.Failing.Select(f => $"{f.Key}: {f.Value}"));
            return HealthCheckResult.Unhealthy($"The Kubernetes API does not answer: {failing}");
        }

        if (!cache.IsSynced)
        {
            return HealthCheckResult.Unhealthy("The watches have not listed every kind yet.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_dataplaneTimeout);
        try
        {
            await dataplane.DumpTablesAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {dataplane.Kind} dataplane does not answer: {ex.Message}");
        }
    }
}
