using System.Collections;
using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Storage;

/// <summary>Stored objects seen as parsed trees, each parsed when first read and shared after (read-only).</summary>
internal sealed class SharedObjects(IReadOnlyList<MemoryObject> items) : IReadOnlyList<JsonObject>
{
    public int Count => items.Count;

    public JsonObject this[int index] => items[index].Parsed;

    public IEnumerator<JsonObject> GetEnumerator() => items.Select(i => i.Parsed).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
