using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Agent.Kubernetes;

namespace Multinet.Agent.Controllers;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, with client-go's semantics: acquire when the Lease is free or its
/// holder has not renewed within its duration (measured on this agent's clock from when the record last changed), renew
/// every retry period, give leadership up when renewals fail for the renew deadline or another holder is seen, and
/// release the Lease on stop so a successor need not wait for it to expire. Every write carries the resourceVersion it
/// read, so two candidates never both win.
/// </summary>
internal sealed partial class LeaseElector(KubernetesClientProvider clients, LeaseElectorSettings settings, TimeProvider timeProvider, ILogger<LeaseElector> logger)
{
    private readonly Lock _lock = new();
    private string? _observedHolder;
    private DateTime? _observedRenew;
    private DateTimeOffset _observedAt;
    private volatile bool _isLeader;

    /// <summary>Raised with the holder's identity (null: none) whenever the observed holder changes.</summary>
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
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await AcquireAsync(cancellationToken))
            {
                return;
            }

            LogStartedLeading(settings.Namespace, settings.Name, settings.Identity);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = RunLeaderWorkAsync(whileLeading, leading.Token);
            await RenewUntilLostAsync(cancellationToken);
            _isLeader = false;
            await leading.CancelAsync();
            await work;
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync();
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

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken) == Attempt.Held)
            {
                _isLeader = true;
                return true;
            }

            if (!await DelayAsync(Jittered(settings.RetryPeriod), cancellationToken))
            {
                return false;
            }
        }

        return false;
    }

    private async Task RenewUntilLostAsync(CancellationToken cancellationToken)
    {
        var lastRenew = timeProvider.GetUtcNow();
        while (await DelayAsync(settings.RetryPeriod, cancellationToken))
        {
            switch (await TryAcquireOrRenewAsync(cancellationToken))
            {
                case Attempt.Held:
                    lastRenew = timeProvider.GetUtcNow();
                    break;
                case Attempt.TakenByOther:
                    return;
                default:
                    if (timeProvider.GetUtcNow() - lastRenew >= settings.RenewDeadline)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    private async Task<Attempt> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var kubernetes = clients.GetClient();
            var now = timeProvider.GetUtcNow().UtcDateTime;
            V1Lease? lease;
            try
            {
                lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync(settings.Name, settings.Namespace, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
            {
                lease = null;
            }

            if (lease is null)
            {
                var created = await kubernetes.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = settings.Name, NamespaceProperty = settings.Namespace },
                    Spec = Spec(now, now, 0),
                }, settings.Namespace, cancellationToken: cancellationToken);
                Observe(created.Spec);
                return Attempt.Held;
            }

            var spec = lease.Spec ?? new V1LeaseSpec();
            Observe(spec);
            var duration = spec.LeaseDurationSeconds is > 0 ? TimeSpan.FromSeconds(spec.LeaseDurationSeconds.Value) : settings.LeaseDuration;
            var mine = spec.HolderIdentity == settings.Identity;
            if (!mine && !string.IsNullOrEmpty(spec.HolderIdentity))
            {
                if (_isLeader)
                {
                    return Attempt.TakenByOther;
                }

                if (ObservedAt() + duration > timeProvider.GetUtcNow())
                {
                    return Attempt.NotHeld;
                }
            }

            lease.Spec = mine
                ? Spec(spec.AcquireTime ?? now, now, spec.LeaseTransitions ?? 0)
                : Spec(now, now, (spec.LeaseTransitions ?? 0) + 1);
            var replaced = await kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, settings.Name, settings.Namespace, cancellationToken: cancellationToken);
            Observe(replaced.Spec);
            return Attempt.Held;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Attempt.NotHeld;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode is HttpStatusCode.Conflict)
        {
            return Attempt.NotHeld; // someone else wrote first: read again next round
        }
        catch (Exception ex)
        {
            LogAttemptFailed(ex, settings.Namespace, settings.Name);
            return Attempt.NotHeld;
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(settings.RenewDeadline);
        try
        {
            var kubernetes = clients.GetClient();
            var lease = await kubernetes.CoordinationV1.ReadNamespacedLeaseAsync(settings.Name, settings.Namespace, cancellationToken: timeout.Token);
            if (lease.Spec?.HolderIdentity != settings.Identity)
            {
                return;
            }

            var now = timeProvider.GetUtcNow().UtcDateTime;
            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = now;
            lease.Spec.AcquireTime = now;
            await kubernetes.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, settings.Name, settings.Namespace, cancellationToken: timeout.Token);
            Observe(lease.Spec);
            LogReleased(settings.Namespace, settings.Name, settings.Identity);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, settings.Namespace, settings.Name);
        }
    }

    private V1LeaseSpec Spec(DateTime acquired, DateTime renewed, int transitions) => new()
    {
        HolderIdentity = settings.Identity,
        LeaseDurationSeconds = (int)Math.Ceiling(settings.LeaseDuration.TotalSeconds),
        AcquireTime = acquired,
        RenewTime = renewed,
        LeaseTransitions = transitions,
    };

    private void Observe(V1LeaseSpec? spec)
    {
        var holder = string.IsNullOrEmpty(spec?.HolderIdentity) ? null : spec.HolderIdentity;
        bool holderChanged;
        lock (_lock)
        {
            holderChanged = holder != _observedHolder;
            if (holderChanged || spec?.RenewTime != _observedRenew)
            {
                _observedAt = timeProvider.GetUtcNow();
            }

            _observedHolder = holder;
            _observedRenew = spec?.RenewTime;
        }

        if (holderChanged)
        {
            LeaderObserved?.Invoke(holder);
        }
    }

    private DateTimeOffset ObservedAt()
    {
        lock (_lock)
        {
            return _observedAt;
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static TimeSpan Jittered(TimeSpan period) => period + TimeSpan.FromTicks((long)(period.Ticks * 0.2 * Random.Shared.NextDouble()));

    private enum Attempt
    {
        NotHeld,
        Held,
        TakenByOther,
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
