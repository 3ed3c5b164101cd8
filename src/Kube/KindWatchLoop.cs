using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using k8s.Autorest;
using k8s.Models;
using Multinet.Shared.Threading;

namespace Multinet.Kube;

/// <summary>
/// Keeps one kind in step with the cluster: list, then watch from the list's resourceVersion, resume from the last
/// version seen when a watch ends, re-list on 410 Gone (as an HTTP status or as an ERROR event in the stream), back off
/// on other errors and list again after them. A kind the server does not serve (404 on list), or an optional kind it
/// refuses us (403 on list), counts as empty and is listed again slowly, logged once. The backoff after failures is capped
/// at <see cref="MaxBackoff"/>, so a restarted server is listed again within seconds of coming back. An optional
/// <see cref="IWatchConnectionObserver"/> hears when the server stops and starts answering.
/// </summary>
public sealed class KindWatchLoop<T>(WatchedKind<T> kind, IKindSink<T> sink, Func<CancellationToken, Task<IKubernetes>> client,
    TimeProvider timeProvider, ILogger logger, TimeSpan missingKindRetry, IWatchConnectionObserver? connection = null)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>
    /// The longest wait between attempts after a failure streak (plus up to a quarter as jitter): short enough that a
    /// restarted API server is seen again promptly, long enough that a down server gets one list per client every few seconds.
    /// </summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
    private int _failures;
    private bool _answered;

    /// <summary>Lists, then watches, until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(null, cancellationToken);

    /// <summary>
    /// Watches from <paramref name="resourceVersion"/> (a list the caller already handed its sink), or lists first when it
    /// is null, until cancelled.
    /// </summary>
    public async Task RunAsync(string? resourceVersion, CancellationToken cancellationToken)
    {
        var missing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan? wait = null;
            try
            {
                var kubernetes = await client(cancellationToken);
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(kubernetes, cancellationToken);
                    Answered();
                    if (missing)
                    {
                        WatchLog.KindServed(logger, kind.Name);
                        missing = false;
                    }
                }

                var outcome = await WatchAsync(kubernetes, resourceVersion, cancellationToken);
                resourceVersion = outcome.ResourceVersion;
                Answered();
                if (outcome.Gone)
                {
                    WatchLog.WatchExpired(logger, kind.Name, resourceVersion);
                    WatchMetrics.Restarted(kind.Name, "expired");
                    resourceVersion = null;
                }
                else if (!cancellationToken.IsCancellationRequested)
                {
                    WatchMetrics.Restarted(kind.Name, "ended");
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
            {
                Answered();
                WatchLog.WatchExpired(logger, kind.Name, resourceVersion);
                WatchMetrics.Restarted(kind.Name, "expired");
                resourceVersion = null;
            }
            catch (HttpOperationException ex) when (resourceVersion is null && (ex.Response?.StatusCode == HttpStatusCode.NotFound
                || (kind.Optional && ex.Response?.StatusCode == HttpStatusCode.Forbidden)))
            {
                if (!missing)
                {
                    if (ex.Response!.StatusCode == HttpStatusCode.Forbidden)
                    {
                        WatchLog.KindForbidden(logger, kind.Name, missingKindRetry);
                    }
                    else
                    {
                        WatchLog.KindMissing(logger, kind.Name, missingKindRetry);
                    }

                    missing = true;
                }

                sink.Replace([]);
                Answered();
                wait = missingKindRetry;
            }
            catch (Exception ex)
            {
                WatchLog.WatchFailed(logger, ex, kind.Name, ++_failures);
                WatchMetrics.Restarted(kind.Name, "failed");
                connection?.Lost(ex);
                resourceVersion = null; // what happened meanwhile is read from a fresh list
                wait = Backoff.Exponential(_failures, MaxBackoff);
            }

            if (wait is { } delay)
            {
                try
                {
                    await Task.Delay(delay, timeProvider, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The server answered: tells the observer the first time and after each loss.</summary>
    private void Answered()
    {
        if (_failures > 0)
        {
            WatchLog.WatchRecovered(logger, kind.Name, _failures);
            _failures = 0;
            _answered = true;
            connection?.Recovered();
        }
        else if (!_answered)
        {
            _answered = true;
            connection?.Connected();
        }
    }

    private async Task<string?> ListAsync(IKubernetes kubernetes, CancellationToken cancellationToken)
    {
        var list = await kind.ListAsync(kubernetes, cancellationToken);
        sink.Replace(list.Items.Where(i => !string.IsNullOrEmpty(i.Metadata?.Name)));
        WatchLog.Listed(logger, list.Items.Count, kind.Name, list.ResourceVersion);
        return list.ResourceVersion;
    }

    private async Task<WatchOutcome> WatchAsync(IKubernetes kubernetes, string? resourceVersion, CancellationToken cancellationToken)
    {
        // A 410 arrives as an ERROR event inside the stream: the client hands it to onError and reads on, so stop the watch here.
        using var expired = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnError(Exception ex)
        {
            if (ex is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                expired.Cancel();
            }
            else
            {
                WatchLog.BadWatchEvent(logger, ex, kind.Name);
            }
        }

        try
        {
            await foreach (var (type, item) in kind.Watch(kubernetes, resourceVersion, OnError, expired.Token).WithCancellation(expired.Token))
            {
                Answered();
                if (item is null)
                {
                    continue;
                }

                resourceVersion = item.ResourceVersion() ?? resourceVersion;
                Apply(type, item);
            }
        }
        catch (OperationCanceledException) when (expired.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WatchOutcome(resourceVersion, Gone: true);
        }

        return new WatchOutcome(resourceVersion, Gone: false);
    }

    private void Apply(WatchEventType type, T item)
    {
        if (string.IsNullOrEmpty(item.Metadata?.Name))
        {
            return; // bookmarks only move the resourceVersion
        }

        WatchLog.Event(logger, kind.Name, type, item.Namespace(), item.Name(), item.ResourceVersion());
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                sink.Upsert(item);
                break;
            case WatchEventType.Deleted:
                sink.Delete(item);
                break;
        }
    }

    private sealed record WatchOutcome(string? ResourceVersion, bool Gone);
}
