using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Multinet.Agent.Reconciliation;
using Multinet.Shared.Crds;
using Multinet.Shared.Threading;

namespace Multinet.Agent.Kubernetes;

/// <summary>
/// Keeps <see cref="NetworkCache"/> in step with the cluster: list, then watch from the list's resourceVersion,
/// resume from the last version seen when a watch ends, re-list on 410 Gone, back off on other errors.
/// Every change to a Network's desired state requests a (coalesced) reconcile.
/// </summary>
internal sealed partial class NetworkWatcher(KubernetesClientProvider clients, NetworkCache cache, ReconcileTrigger trigger,
    TimeProvider timeProvider, ILogger<NetworkWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var kubernetes = clients.GetClient();
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(kubernetes, stoppingToken);
                }

                var outcome = await WatchAsync(kubernetes, resourceVersion, stoppingToken);
                resourceVersion = outcome.ResourceVersion;
                failures = 0;
                if (outcome.Gone)
                {
                    LogWatchExpired(resourceVersion);
                    resourceVersion = null;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
            {
                LogWatchExpired(resourceVersion);
                resourceVersion = null;
            }
            catch (Exception ex)
            {
                LogWatchFailed(ex, ++failures);
                try
                {
                    await Task.Delay(Backoff.Exponential(failures, s_maxBackoff), timeProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task<string?> ListAsync(IKubernetes kubernetes, CancellationToken cancellationToken)
    {
        using var response = await kubernetes.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<V3NetworkList>(
            CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: cancellationToken);
        var list = response.Body;
        if (cache.Replace(list.Items))
        {
            trigger.Request();
        }

        LogListed(list.Items.Count, list.Metadata?.ResourceVersion);
        return list.Metadata?.ResourceVersion;
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
                LogBadWatchEvent(ex);
            }
        }

        try
        {
            await foreach (var (type, item) in kubernetes.CustomObjects.WatchListClusterCustomObjectAsync(
                CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural,
                allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: OnError, cancellationToken: expired.Token))
            {
                if (TryRead(item) is not { } network)
                {
                    continue;
                }

                resourceVersion = network.ResourceVersion() ?? resourceVersion;
                if (Apply(type, network))
                {
                    trigger.Request();
                }
            }
        }
        catch (OperationCanceledException) when (expired.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WatchOutcome(resourceVersion, Gone: true);
        }

        return new WatchOutcome(resourceVersion, Gone: false);
    }

    private V3Network? TryRead(object item)
    {
        try
        {
            return KubernetesJson.Deserialize<V3Network>(((JsonElement)item).GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or NotSupportedException)
        {
            LogBadWatchEvent(ex);
            return null;
        }
    }

    private bool Apply(WatchEventType type, V3Network network)
    {
        using var scope = logger.BeginScope("{Kind}/{Name}", CrdConstants.NetworkKind, network.Name());
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                LogEvent(type, network.Name(), network.ResourceVersion());
                return cache.Upsert(network);
            case WatchEventType.Deleted:
                LogEvent(type, network.Name(), network.ResourceVersion());
                return cache.Remove(network.Name());
            default:
                return false; // bookmarks only move the resourceVersion
        }
    }

    private sealed record WatchOutcome(string? ResourceVersion, bool Gone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Count} Networks at resourceVersion {ResourceVersion}.")]
    private partial void LogListed(int count, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Network {Name} {EventType} at resourceVersion {ResourceVersion}.")]
    private partial void LogEvent(WatchEventType eventType, string name, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of Networks expired at resourceVersion {ResourceVersion} (410 Gone); listing again.")]
    private partial void LogWatchExpired(string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of Networks failed ({Failures} in a row); backing off.")]
    private partial void LogWatchFailed(Exception exception, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a watch event the agent could not read.")]
    private partial void LogBadWatchEvent(Exception exception);
}
