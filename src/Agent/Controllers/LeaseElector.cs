using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Multinet.Agent.Kubernetes;

namespace Multinet.Agent.Controllers;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease with KubernetesClient's <see cref="LeaderElector"/> and
/// <see cref="LeaseLock"/> (client-go's semantics: acquire a free or expired Lease, renew every retry period, give
/// leadership up when renewals fail for the renew deadline or another holder is seen; every write carries the
/// resourceVersion it read). One addition: the library has no release-on-cancel, so a stopping leader releases the
/// Lease itself (holder emptied, as client-go's ReleaseOnCancel does). Without it, every graceful agent restart (a
/// DaemonSet rollout) would leave EndpointSlices and Network status unattended for a whole lease duration (15 s by
/// default) before a successor could take the Lease; with it the successor takes over on its next retry (2 s).
/// </summary>
internal sealed partial class LeaseElector(KubernetesClientProvider clients, LeaseElectorSettings settings, ILogger<LeaseElector> logger)
{
    private volatile bool _isLeader;

    /// <summary>Raised with the holder's identity (empty: released) whenever the observed holder changes.</summary>
    public event Action<string?>? LeaderObserved;

    public string Identity => settings.Identity;

    public bool IsLeader => _isLeader;

    /// <summary>
    /// Competes until <paramref name="cancellationToken"/> fires; runs <paramref name="whileLeading"/> each time leadership
    /// is won, with a token that fires when it is lost, and waits for it to end before competing again or releasing.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        var leaseLock = new LeaseLock(await clients.GetClientAsync(cancellationToken), settings.Namespace, settings.Name, settings.Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        });
        CancellationTokenSource? leading = null;
        Task work = Task.CompletedTask;
        elector.OnNewLeader += holder => LeaderObserved?.Invoke(holder);
        elector.OnError += exception => LogAttemptFailed(exception, settings.Namespace, settings.Name);
        elector.OnStartedLeading += () =>
        {
            _isLeader = true;
            LogStartedLeading(settings.Namespace, settings.Name, settings.Identity);
            leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            work = RunLeaderWorkAsync(whileLeading, leading.Token);
        };
        elector.OnStoppedLeading += () =>
        {
            _isLeader = false;
            leading?.Cancel();
        };

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await elector.RunUntilLeadershipLostAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            var led = leading is not null;
            await work;
            leading?.Dispose();
            leading = null;
            if (cancellationToken.IsCancellationRequested)
            {
                if (led)
                {
                    await ReleaseAsync(leaseLock);
                }

                return;
            }

            LogLostLeadership(settings.Namespace, settings.Name, settings.Identity);
        }
    }

    private async Task RunLeaderWorkAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        try
        {
            await whileLeading(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogLeaderWorkFailed(ex);
        }
    }

    /// <summary>
    /// Empties the holder of a Lease this agent still holds; a Lease someone else took meanwhile is left alone. The
    /// library's last renewal may still be in flight when leadership ends: a release that loses that race (409) reads the
    /// Lease again and retries, within the renew deadline.
    /// </summary>
    private async Task ReleaseAsync(LeaseLock leaseLock)
    {
        using var timeout = new CancellationTokenSource(settings.RenewDeadline);
        try
        {
            while (true)
            {
                var record = await leaseLock.GetAsync(timeout.Token);
                if (record.HolderIdentity != settings.Identity)
                {
                    return;
                }

                var now = DateTime.UtcNow;
                if (await leaseLock.UpdateAsync(new LeaderElectionRecord
                {
                    HolderIdentity = "",
                    LeaseDurationSeconds = 1,
                    AcquireTime = now,
                    RenewTime = now,
                    LeaderTransitions = record.LeaderTransitions,
                }, timeout.Token))
                {
                    LogReleased(settings.Namespace, settings.Name, settings.Identity);
                    return;
                }

                await Task.Delay(settings.RetryPeriod / 4, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReleaseFailed(ex, settings.Namespace, settings.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading the cluster controllers (Lease {Namespace}/{Name}, identity {Identity}).")]
    private partial void LogStartedLeading(string @namespace, string name, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the Lease {Namespace}/{Name} (identity {Identity}); controllers stopped, competing again.")]
    private partial void LogLostLeadership(string @namespace, string name, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the Lease {Namespace}/{Name} (identity {Identity}).")]
    private partial void LogReleased(string @namespace, string name, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not acquire or renew the Lease {Namespace}/{Name}.")]
    private partial void LogAttemptFailed(Exception exception, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the Lease {Namespace}/{Name}; it expires on its own.")]
    private partial void LogReleaseFailed(Exception exception, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "The cluster controllers failed while leading.")]
    private partial void LogLeaderWorkFailed(Exception exception);
}
