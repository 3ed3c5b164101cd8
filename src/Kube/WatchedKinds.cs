using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;
using Multinet.Shared.Crds;

namespace Multinet.Kube;

/// <summary>The kinds the agent watches: the Networks, NADs and policies as custom objects, and core Pods, Nodes and Services.</summary>
public static class WatchedKinds
{
    public static WatchedKind<V3Network> Networks { get; } = Custom<V3Network, V3NetworkList>("Networks");

    public static WatchedKind<V1NetworkAttachmentDefinition> Nads { get; } =
        Custom<V1NetworkAttachmentDefinition, V1NetworkAttachmentDefinitionList>("NetworkAttachmentDefinitions");

    public static WatchedKind<CalicoNetworkPolicy> Policies { get; } = Custom<CalicoNetworkPolicy, CalicoNetworkPolicyList>("Calico NetworkPolicies");

    public static WatchedKind<V1Pod> Pods { get; } = PodsInPages(500);

    /// <summary>Pods, listed in pages so a large cluster is never one huge response.</summary>
    public static WatchedKind<V1Pod> PodsInPages(int pageSize) => new("Pods",
        async (k, ct) =>
        {
            var items = new List<V1Pod>();
            string? next = null;
            while (true)
            {
                var page = await k.CoreV1.ListPodForAllNamespacesAsync(continueParameter: next, limit: pageSize, cancellationToken: ct);
                items.AddRange(page.Items);
                next = page.Metadata?.ContinueProperty;
                if (string.IsNullOrEmpty(next))
                {
                    return new ListResult<V1Pod>(items, page.Metadata?.ResourceVersion);
                }
            }
        },
        (k, rv, onError, ct) => Typed(k.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct)));

    public static WatchedKind<V1Node> Nodes { get; } = new("Nodes",
        async (k, ct) =>
        {
            var list = await k.CoreV1.ListNodeAsync(cancellationToken: ct);
            return new ListResult<V1Node>([.. list.Items], list.Metadata?.ResourceVersion);
        },
        (k, rv, onError, ct) => Typed(k.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct)));

    public static WatchedKind<V1Service> Services { get; } = new("Services",
        async (k, ct) =>
        {
            var list = await k.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct);
            return new ListResult<V1Service>([.. list.Items], list.Metadata?.ResourceVersion);
        },
        (k, rv, onError, ct) => Typed(k.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct)));

    /// <summary>A custom kind, cluster-wide (for a namespaced kind that is every namespace), read through its [KubernetesEntity].</summary>
    public static WatchedKind<T> Custom<T, TList>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IItems<T>
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} lacks [KubernetesEntity].");
        return new WatchedKind<T>(name,
            async (k, ct) =>
            {
                using var response = await k.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<TList>(
                    entity.Group, entity.ApiVersion, entity.PluralName, cancellationToken: ct);
                var body = response.Body;
                var metadata = (body as IMetadata<V1ListMeta>)?.Metadata;
                return new ListResult<T>([.. (body.Items ?? []).Where(i => i is not null)], metadata?.ResourceVersion);
            },
            (k, rv, onError, ct) => ReadCustom<T>(k.CustomObjects.WatchListClusterCustomObjectAsync(
                entity.Group, entity.ApiVersion, entity.PluralName, allowWatchBookmarks: true, resourceVersion: rv, onError: onError, cancellationToken: ct), onError, ct));
    }

    private static async IAsyncEnumerable<(WatchEventType, T?)> Typed<T>(IAsyncEnumerable<(WatchEventType, T)> events)
        where T : class
    {
        await foreach (var (type, item) in events)
        {
            yield return (type, item);
        }
    }

    private static async IAsyncEnumerable<(WatchEventType, T?)> ReadCustom<T>(IAsyncEnumerable<(WatchEventType, object)> events, Action<Exception> onError,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        await foreach (var (type, item) in events.WithCancellation(cancellationToken))
        {
            T? read = null;
            try
            {
                read = KubernetesJson.Deserialize<T>(((JsonElement)item).GetRawText());
            }
            catch (Exception ex) when (ex is JsonException or InvalidCastException or NotSupportedException)
            {
                onError(ex);
            }

            yield return (type, read);
        }
    }
}
