using Multinet.Agent.Kubernetes;
using Multinet.Shared.Threading;

namespace Multinet.Agent.Controllers;

/// <summary>
/// Drives an <see cref="IClusterController"/>: once the cache is synced, one pass per change of the cache (changes that
/// arrive during a pass fold into the next one), a full pass every resync interval, backoff after a failed pass.
/// </summary>
internal sealed partial class ControllerLoop(ClusterCache cache, TimeProvider timeProvider, TimeSpan resyncInterval, ILogger logger)
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    public async Task RunAsync(IClusterController controller, CancellationToken cancellationToken)
    {
        var failures = 0;
        var resync = true;
        var nextResync = timeProvider.GetUtcNow() + resyncInterval;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var version = cache.Version;
                if (cache.IsSynced)
                {
                    try
                    {
                        await controller.SyncAsync(cache.Snapshot(), resync, cancellationToken);
                        failures = 0;
                        resync = false;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        LogPassFailed(logger, ex, controller.Name, ++failures);
                        resync = true;
                        await Task.Delay(Backoff.Exponential(failures, s_maxBackoff), timeProvider, cancellationToken);
                        continue;
                    }
                }

                var untilResync = nextResync - timeProvider.GetUtcNow();
                if (untilResync > TimeSpan.Zero)
                {
                    using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var changed = cache.WaitForChangeAsync(version, timer.Token);
                    var elapsed = Task.Delay(untilResync, timeProvider, timer.Token);
                    var first = await Task.WhenAny(changed, elapsed);
                    await timer.CancelAsync();
                    await first; // surfaces cancellation of the loop itself
                    if (first == changed)
                    {
                        continue;
                    }
                }

                resync = true;
                nextResync = timeProvider.GetUtcNow() + resyncInterval;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Controller} controller's pass failed ({Failures} in a row); backing off.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string controller, int failures);
}
