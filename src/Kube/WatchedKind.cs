using k8s;
using k8s.Models;

namespace Multinet.Kube;

/// <summary>The items of a list and the resourceVersion to watch from.</summary>
public sealed record ListResult<T>(IReadOnlyList<T> Items, string? ResourceVersion);

/// <summary>
/// One kind the agent lists and watches: its name for logs, how to list it (all namespaces) and how to watch it from a
/// resourceVersion. Watch items that cannot be read arrive as null.
/// </summary>
public sealed class WatchedKind<T>(
    string name,
    Func<IKubernetes, CancellationToken, Task<ListResult<T>>> list,
    Func<IKubernetes, string?, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T? Item)>> watch)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public string Name { get; } = name;

    public Task<ListResult<T>> ListAsync(IKubernetes kubernetes, CancellationToken cancellationToken) => list(kubernetes, cancellationToken);

    public IAsyncEnumerable<(WatchEventType Type, T? Item)> Watch(IKubernetes kubernetes, string? resourceVersion, Action<Exception> onError,
        CancellationToken cancellationToken) => watch(kubernetes, resourceVersion, onError, cancellationToken);
}
