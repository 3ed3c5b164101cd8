using System.Net;
using k8s;
using k8s.Autorest;
using Multinet.Shared.Threading;

namespace Multinet.Web.Embedded;

/// <summary>
/// A list+watch that never ends by itself: watches from the last resourceVersion seen, resumes after a dropped
/// stream, re-lists on 410 Gone (handing the fresh list to <c>onList</c>), backs off on other errors.
/// </summary>
internal static class ResumableWatch
{
    public static async Task RunAsync<T>(
        string resourceVersion,
        Func<CancellationToken, Task<(IReadOnlyList<T> Items, string ResourceVersion)>> list,
        Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Item)>> watch,
        Func<T, string?> versionOf,
        Func<IReadOnlyList<T>, Task> onList,
        Func<WatchEventType, T, Task> onEvent,
        Action<Exception, int> onFailure,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        string? version = resourceVersion;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var (items, listVersion) = await list(cancellationToken);
                    await onList(items);
                    version = listVersion;
                }

                Exception? streamError = null;
                await foreach (var (type, item) in watch(version, ex => streamError = ex, cancellationToken))
                {
                    version = versionOf(item) ?? version;
                    if (type != WatchEventType.Bookmark)
                    {
                        await onEvent(type, item);
                    }

                    failures = 0;
                }

                if (streamError is not null)
                {
                    throw streamError;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesException ex) when (ex.Status?.Code == (int)HttpStatusCode.Gone)
            {
                version = null;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Gone)
            {
                version = null;
            }
            catch (Exception ex)
            {
                failures++;
                onFailure(ex, failures);
                await Task.Delay(Backoff.Exponential(failures, TimeSpan.FromSeconds(30)), timeProvider, cancellationToken);
            }
        }
    }
}
