using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Multinet.Shared.Crds;
using Multinet.Shared.Threading;
using Multinet.Web.State;

namespace Multinet.Web.Cluster;

/// <summary>
/// The console's one watch on Networks: lists, then watches from the list's resourceVersion, resumes after a
/// dropped watch, re-lists on 410 Gone, backs off on errors. Feeds <see cref="LiveState"/>; no page ever watches.
/// </summary>
internal sealed partial class NetworkWatchCache(ClusterAccess access, LiveState state, TimeProvider timeProvider,
    ILogger<NetworkWatchCache> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var client = await access.GetClientAsync(stoppingToken);
                if (resourceVersion is null)
                {
                    var list = await client.CustomObjects.ListClusterCustomObjectAsync<V3NetworkList>(
                        CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural, cancellationToken: stoppingToken);
                    state.ReplaceNetworks([.. list.Items]);
                    resourceVersion = list.Metadata.ResourceVersion;
                }

                state.SetClusterConnection(true, null);
                failures = 0;
                // An expired resourceVersion arrives as an ERROR event that the client hands to onError, ending the stream.
                Exception? streamError = null;
                await foreach (var (type, item) in client.CustomObjects.WatchListClusterCustomObjectAsync(
                    CrdConstants.NetworkGroup, CrdConstants.NetworkVersion, CrdConstants.NetworkPlural,
                    allowWatchBookmarks: true, resourceVersion: resourceVersion, onError: ex => streamError = ex, cancellationToken: stoppingToken))
                {
                    var network = KubernetesJson.Deserialize<V3Network>(((JsonElement)item).GetRawText());
                    resourceVersion = network.Metadata?.ResourceVersion ?? resourceVersion;
                    Apply(type, network);
                }

                if (streamError is not null)
                {
                    throw streamError;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesException ex) when (ex.Status?.Code == (int)HttpStatusCode.Gone)
            {
                resourceVersion = null;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Gone)
            {
                resourceVersion = null;
            }
            catch (Exception ex)
            {
                failures++;
                state.SetClusterConnection(false, ex.Message);
                LogWatchFailed(ex, failures);
                await Task.Delay(Backoff.Exponential(failures, TimeSpan.FromSeconds(30)), timeProvider, stoppingToken);
            }
        }
    }

    private void Apply(WatchEventType type, V3Network network)
    {
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                state.UpsertNetwork(network);
                break;
            case WatchEventType.Deleted:
                state.RemoveNetwork(network.Metadata.Name);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of networks failed ({Failures} in a row); retrying.")]
    private partial void LogWatchFailed(Exception exception, int failures);
}
