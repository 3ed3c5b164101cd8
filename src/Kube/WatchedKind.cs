using k8s;
using k8s.Models;

namespace Multinet.Kube;

/// <summary>The items of a list and the resourceVersion to watch from.</summary>
public sealed record ListResult<T>(IReadOnlyList<T> Items, string? ResourceVersion);

/// <summary>
/// One kind the agent lists and watches: its name for logs, how to list it (all namespaces) and how to watch it from a
/// resourceVersion. Watch items that cannot be read arrive as null. An <see cref="Optional"/> kind (e.g. KubeVirt's) may
/// also be refused to us (403 Forbidden: a ClusterRole without it); that counts as not served, like a 404.
/// </summary>
public sealed class WatchedKind<T>(
    string name,
    Func<IKubernetes, CancellationToken, Task<ListResult<T>>> list,
    Func<IKubernetes, string?, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T? Item)>> watch)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public string Name { get; } = name;

    /// <summary>Whether the product works without this kind: a 403 on its list then means "none", not a failure.</summary>
    public bool Optional { get; init; }

    public Task<ListResult<T>> ListAsync(IKubernetes kubernetes, CancellationToken cancellationToken) => list(kubernetes, cancellationToken);

    public IAsyncEnumerable<(WatchEventType Type, T? Item)> Watch(IKubernetes kubernetes, string? resourceVersion, Action<Exception> onError,
        CancellationToken cancellationToken) => watch(kubernetes, resourceVersion, onError, cancellationToken);
}
