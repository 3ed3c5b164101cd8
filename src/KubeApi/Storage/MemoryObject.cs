using System.Text.Json;
using System.Text.Json.Nodes;
using Multinet.KubeApi.Http;

namespace Multinet.KubeApi.Storage;

/// <summary>
/// One stored object as the store holds it in memory: its JSON as the API writes it (UTF-8, written once per change and
/// streamed as is to every list) and, parsed only when something reads its fields, a shared tree nobody may modify.
/// </summary>
internal sealed class MemoryObject(ObjectKey key, long resourceVersion, byte[] json)
{
    private JsonObject? _parsed;

    public ObjectKey Key { get; } = key;

    public long ResourceVersion { get; } = resourceVersion;

    /// <summary>The object's JSON in the API's output encoding (quotes and non-ASCII text unescaped).</summary>
    public byte[] Json { get; } = json;

    /// <summary>The parsed object, shared by every reader: read it, never change it (take <see cref="Copy"/> for that).</summary>
    public JsonObject Parsed
    {
        get
        {
            if (Volatile.Read(ref _parsed) is { } parsed)
            {
                return parsed;
            }

            Interlocked.CompareExchange(ref _parsed, Copy(), null);
            return _parsed!;
        }
    }

    /// <summary>The shared parse when one exists, else a transient one: for reading fields without keeping a tree per object.</summary>
    public JsonObject Read() => Volatile.Read(ref _parsed) ?? Copy();

    /// <summary><c>namespace/name</c>, the order lists and continue tokens use.</summary>
    public string ListKey => $"{Key.Namespace}/{Key.Name}";

    /// <summary>A fresh parse the caller owns.</summary>
    public JsonObject Copy() => JsonNode.Parse(Json)!.AsObject();

    public static MemoryObject Of(ObjectKey key, long resourceVersion, JsonNode obj) =>
        new(key, resourceVersion, JsonSerializer.SerializeToUtf8Bytes(obj, KubeHttp.Output));

    public static MemoryObject Of(ObjectKey key, long resourceVersion, string json) =>
        Of(key, resourceVersion, JsonNode.Parse(json)!);
}
