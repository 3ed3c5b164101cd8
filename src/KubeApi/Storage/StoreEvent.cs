using System.Text;
using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Storage;

/// <summary>
/// One committed change: ADDED, MODIFIED or DELETED, with the object's JSON as of that change. Every watcher shares one
/// parse (for selectors) and one encoded watch-event line, so a change costs the same whether 1 or 500 watches follow it.
/// </summary>
internal sealed class StoreEvent(string type, ObjectKey key, long resourceVersion, byte[] json)
{
    private JsonObject? _parsed;
    private byte[]? _line;

    public string Type { get; } = type;

    public ObjectKey Key { get; } = key;

    public long ResourceVersion { get; } = resourceVersion;

    /// <summary>The object's JSON in the API's output encoding.</summary>
    public byte[] Json { get; } = json;

    /// <summary>The parsed object, shared by every watcher: read it, never change it.</summary>
    public JsonObject Parsed
    {
        get
        {
            if (Volatile.Read(ref _parsed) is null)
            {
                Interlocked.CompareExchange(ref _parsed, JsonNode.Parse(Json)!.AsObject(), null);
            }

            return _parsed!;
        }
    }

    /// <summary>The watch event as a JSON line: <c>{"type":"...","object":{...}}\n</c>.</summary>
    public byte[] Line
    {
        get
        {
            if (Volatile.Read(ref _line) is null)
            {
                var head = Encoding.UTF8.GetBytes($"{{\"type\":\"{Type}\",\"object\":");
                var line = new byte[head.Length + Json.Length + 2];
                head.CopyTo(line, 0);
                Json.CopyTo(line, head.Length);
                line[^2] = (byte)'}';
                line[^1] = (byte)'\n';
                Interlocked.CompareExchange(ref _line, line, null);
            }

            return _line!;
        }
    }
}
