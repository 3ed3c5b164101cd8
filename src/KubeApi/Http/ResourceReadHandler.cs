using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Multinet.KubeApi.Hosting;
using Multinet.KubeApi.Storage;

namespace Multinet.KubeApi.Http;

/// <summary>GET of one object, list, and watch (newline-delimited JSON events, flushed one by one).</summary>
internal sealed class ResourceReadHandler(ObjectStore store, IOptions<KubeApiOptions> options, TimeProvider timeProvider, ILogger<ResourceReadHandler> logger)
{
    /// <summary>How much a watch buffers before flushing while it writes a run of events (a long initial list).</summary>
    private const int FlushThreshold = 32 * 1024;

    public async Task GetAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var item = (request.Resource.Synthesized is { } synthesized
                ? synthesized().FirstOrDefault(i => KubeHttp.MetadataString(i, "name") == request.Name)
                : store.Get(request.Resource, request.StorageNamespace, request.Name!))
            ?? throw KubeStatus.NotFound(request.Resource, request.Name!);
        JsonNode body = TableConverter.Wanted(context) && request.Subresource is null
            ? TableConverter.Convert(request.Resource, [item], KubeHttp.MetadataString(item, "resourceVersion") ?? "", timeProvider.GetUtcNow())
            : item;
        await KubeHttp.WriteJsonAsync(context, 200, body, cancellationToken);
    }

    public async Task GetScaleAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var item = store.Get(request.Resource, request.StorageNamespace, request.Name!) ?? throw KubeStatus.NotFound(request.Resource, request.Name!);
        await KubeHttp.WriteJsonAsync(context, 200, ScaleSubresource.Of(item), cancellationToken);
    }

    public async Task ListAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var labelSelector = KubeHttp.Query(context, "labelSelector");
        var fieldSelector = KubeHttp.Query(context, "fieldSelector");
        var (items, revision) = store.List(request.Resource, request.Resource.Namespaced ? request.Namespace : null);
        if (request.Resource.Synthesized is { } synthesized)
        {
            items = [.. synthesized().Select(o =>
                MemoryObject.Of(new("", "", KubeHttp.MetadataString(o, "namespace") ?? "", KubeHttp.MetadataString(o, "name") ?? ""), 0, o))];
        }

        if (!string.IsNullOrEmpty(labelSelector) || !string.IsNullOrEmpty(fieldSelector))
        {
            var matches = Selectors.Parse(labelSelector, fieldSelector);
            items = [.. items.Where(i => matches(i.Read()))];
        }

        var (selected, next, remaining) = ListPaging.Apply(items, KubeHttp.Query(context, "limit"), KubeHttp.Query(context, "continue"), revision);
        var resourceVersion = revision.ToString(CultureInfo.InvariantCulture);
        await ListWriter.WriteAsync(context, request.Resource, selected, resourceVersion, next, remaining,
            TableConverter.Wanted(context) ? timeProvider.GetUtcNow() : null, cancellationToken);
    }

    public async Task WatchAsync(HttpContext context, ResourceRequest request, CancellationToken cancellationToken)
    {
        var labelSelector = KubeHttp.Query(context, "labelSelector");
        var fieldSelector = KubeHttp.Query(context, "fieldSelector");
        var matches = string.IsNullOrEmpty(labelSelector) && string.IsNullOrEmpty(fieldSelector) ? null : Selectors.Parse(labelSelector, fieldSelector);
        var bookmarks = KubeHttp.QueryFlag(context, "allowWatchBookmarks");
        var table = TableConverter.Wanted(context);
        long? from = KubeHttp.Query(context, "resourceVersion") is { Length: > 0 } rv && rv != "0"
            ? long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw KubeStatus.BadRequest($"invalid resourceVersion \"{rv}\"")
            : null;

        using var timeout = KubeHttp.Query(context, "timeoutSeconds") is { } seconds && int.TryParse(seconds, CultureInfo.InvariantCulture, out var s) && s > 0
            ? new CancellationTokenSource(TimeSpan.FromSeconds(s), timeProvider)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;

        context.Response.StatusCode = 200;
        context.Response.ContentType = KubeHttp.JsonMediaType;
        WatchSubscription subscription;
        try
        {
            subscription = store.Subscribe(request.Resource, request.Resource.Namespaced ? request.Namespace : null, from, matches);
        }
        catch (KubeApiException ex) when (ex.Code == 410)
        {
            // kube-apiserver answers a too-old resourceVersion on a watch with an ERROR event carrying Status 410 Expired.
            await WriteEventAsync(context, "ERROR", ex.ToStatus(), cancellationToken);
            return;
        }

        using (subscription)
        {
            var lastRevision = from ?? subscription.Revision;
            try
            {
                await context.Response.StartAsync(token);

                // Kestrel holds the headers until the first flush; send them now, so a client knows its watch is live.
                await context.Response.Body.FlushAsync(token);
                if (from is null && request.Resource.Synthesized is { } synthesized)
                {
                    foreach (var item in synthesized().Where(i => matches is null || matches(i)))
                    {
                        await WriteEventAsync(context, "ADDED", item, token);
                    }
                }

                var unflushed = 0;
                foreach (var change in subscription.Initial)
                {
                    unflushed += WriteChange(context, request, change, table);
                    lastRevision = Math.Max(lastRevision, change.ResourceVersion);
                    if (unflushed >= FlushThreshold)
                    {
                        await context.Response.BodyWriter.FlushAsync(token);
                        unflushed = 0;
                    }
                }

                await context.Response.BodyWriter.FlushAsync(token);

                lastRevision = Math.Max(lastRevision, subscription.Revision);
                if (bookmarks)
                {
                    await WriteBookmarkAsync(context, request, lastRevision, token);
                }

                await PumpAsync(context, request, subscription, table, bookmarks, lastRevision, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (WatcherOverflowException)
            {
                logger.LogInformation("Closed a watch of {Resource} that fell behind; the client re-lists", request.Resource.QualifiedResource);
            }
        }
    }

    private async Task PumpAsync(HttpContext context, ResourceRequest request, WatchSubscription subscription, bool table, bool bookmarks, long lastRevision, CancellationToken cancellationToken)
    {
        var reader = subscription.Live;
        Task<bool>? pending = null;

        // One bookmark timer per watch, started again only when it fires, rather than one per event: a change reaching
        // hundreds of watchers at once would otherwise create and cancel as many timers.
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? bookmarkDue = null;
        try
        {
            while (true)
            {
                pending ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                if (bookmarks && !pending.IsCompleted)
                {
                    bookmarkDue ??= Task.Delay(options.Value.BookmarkInterval, timeProvider, stopTimer.Token);
                    if (await Task.WhenAny(pending, bookmarkDue) == bookmarkDue && !pending.IsCompleted)
                    {
                        bookmarkDue = null;
                        await WriteBookmarkAsync(context, request, lastRevision, cancellationToken);
                        continue;
                    }
                }

                var more = await pending;
                pending = null;
                if (!more)
                {
                    return;
                }

                // Everything the watch has pending goes out as one chunk, one flush: a write to the response stream would send
                // each piece on its own (Kestrel flushes every stream write), three sends per event per watcher.
                var unflushed = 0;
                while (reader.TryRead(out var change))
                {
                    unflushed += WriteChange(context, request, change, table);
                    lastRevision = change.ResourceVersion;
                    if (unflushed >= FlushThreshold)
                    {
                        await context.Response.BodyWriter.FlushAsync(cancellationToken);
                        unflushed = 0;
                    }
                }

                await context.Response.BodyWriter.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            await stopTimer.CancelAsync();
        }
    }

    /// <summary>Writes one event line into the response's buffer, unflushed (the caller flushes once for what it wrote); returns its length.</summary>
    private int WriteChange(HttpContext context, ResourceRequest request, StoreEvent change, bool table)
    {
        var body = context.Response.BodyWriter;
        if (!table)
        {
            // The event line around the stored JSON, which every watcher of this change shares.
            body.Write(change.LineHead);
            body.Write(change.Json);
            body.Write(StoreEvent.LineTail.Span);
            return change.LineHead.Length + change.Json.Length + StoreEvent.LineTail.Length;
        }

        var converted = TableConverter.Convert(request.Resource, [change.Read()], change.ResourceVersion.ToString(CultureInfo.InvariantCulture), timeProvider.GetUtcNow());
        var line = Encoding.UTF8.GetBytes(new JsonObject { ["type"] = change.Type, ["object"] = converted }.ToJsonString(KubeHttp.Output) + "\n");
        body.Write(line);
        return line.Length;
    }

    private static Task WriteBookmarkAsync(HttpContext context, ResourceRequest request, long revision, CancellationToken cancellationToken) =>
        WriteEventAsync(context, "BOOKMARK", new JsonObject
        {
            ["kind"] = request.Resource.Kind,
            ["apiVersion"] = request.Resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
        }, cancellationToken);

    private static async Task WriteEventAsync(HttpContext context, string type, JsonNode obj, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString(KubeHttp.Output) + "\n";
        await context.Response.WriteAsync(line, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
