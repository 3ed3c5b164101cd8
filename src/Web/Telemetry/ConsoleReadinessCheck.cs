using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Multinet.Web.State;
using Multinet.Web.Timeline;

namespace Multinet.Web.Telemetry;

/// <summary>
/// Ready when the Kubernetes API (a real cluster's, or the embedded one) answers the console's watch, every watched kind
/// has been listed once, and the SQLite store opens.
/// </summary>
internal sealed class ConsoleReadinessCheck(LiveState live, IDbContextFactory<TimelineDbContext> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = live.Current;
        if (!snapshot.Cluster.Connected)
        {
            return HealthCheckResult.Unhealthy(snapshot.Cluster.Error is { } error
                ? $"The Kubernetes API does not answer: {error}"
                : "The Kubernetes API has not answered yet.");
        }

        if (!snapshot.Objects.Synced)
        {
            return HealthCheckResult.Unhealthy("The watches have not listed every kind yet.");
        }

        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The SQLite store cannot be opened.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The SQLite store cannot be opened: {ex.Message}");
        }
    }
}
