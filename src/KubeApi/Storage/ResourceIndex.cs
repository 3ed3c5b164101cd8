namespace Multinet.KubeApi.Storage;

/// <summary>
/// The objects of one resource in list order (namespace, then name, ordinal), so a list walks only its own resource and
/// never sorts.
/// </summary>
internal sealed class ResourceIndex
{
    private static readonly Comparer<(string Namespace, string Name)> s_order = Comparer<(string Namespace, string Name)>.Create((a, b) =>
        string.CompareOrdinal(a.Namespace, b.Namespace) is var byNamespace and not 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name));

    private readonly SortedDictionary<(string Namespace, string Name), MemoryObject> _items = new(s_order);

    public int Count => _items.Count;

    public void Set(MemoryObject item) => _items[(item.Key.Namespace, item.Key.Name)] = item;

    public void Remove(ObjectKey key) => _items.Remove((key.Namespace, key.Name));

    /// <summary>The objects (of one namespace, or all when <paramref name="ns"/> is null) in list order: references, not copies.</summary>
    public MemoryObject[] Snapshot(string? ns) =>
        ns is null ? [.. _items.Values] : [.. _items.Values.Where(o => o.Key.Namespace == ns)];
}
