using System.Text;
using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Storage;

/// <summary>
/// One committed change: ADDED, MODIFIED or DELETED, with the object's JSON as of that change (the stored object's own
/// bytes, not a copy). Kept in the watch window, so it holds nothing else for long: a parse made for watchers' selectors
/// lives only while the change is handed to them, and the event line is written around the JSON rather than copied.
/// </summary>
internal sealed class StoreEvent(string type, ObjectKey key, long resourceVersion, byte[] json)
{
    private static readonly byte[] s_added = Head("ADDED");
    private static readonly byte[] s_modified = Head("MODIFIED");
    private static readonly byte[] s_deleted = Head("DELETED");

    private JsonObject? _held;

    public string Type { get; } = type;

    public ObjectKey Key { get; } = key;

    public long ResourceVersion { get; } = resourceVersion;

    /// <summary>The object's JSON in the API's output encoding.</summary>
    public byte[] Json { get; } = json;

    /// <summary>What precedes <see cref="Json"/> in the watch event line: <c>{"type":"...","object":</c>.</summary>
    public byte[] LineHead => Type switch
    {
        "ADDED" => s_added,
        "MODIFIED" => s_modified,
        "DELETED" => s_deleted,
        _ => Head(Type),
    };

    /// <summary>What follows <see cref="Json"/> in the watch event line.</summary>
    public static ReadOnlyMemory<byte> LineTail { get; } = "}\n"u8.ToArray();

    /// <summary>
    /// The parsed object, to read and never change: the parse shared while the change is handed to watchers
    /// (<see cref="Hold"/>), else a fresh one the caller drops.
    /// </summary>
    public JsonObject Read() => Volatile.Read(ref _held) ?? JsonNode.Parse(Json)!.AsObject();

    /// <summary>Parses once for the watchers that are about to test this change against their selectors.</summary>
    public void Hold() => _held ??= JsonNode.Parse(Json)!.AsObject();

    /// <summary>Drops the shared parse: the change may stay in the watch window for thousands of writes.</summary>
    public void Release() => _held = null;

    private static byte[] Head(string type) => Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":");
}
