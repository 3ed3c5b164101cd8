using System.Globalization;
using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Http;

/// <summary>
/// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over a copy of the target. A malformed patch is a
/// 400; an operation that cannot apply (missing path, failed test) is a 422, as kube-apiserver answers.
/// </summary>
internal static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw KubeStatus.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        JsonNode document = target.DeepClone();
        foreach (var operation in operations)
        {
            var op = Text(operation, "op") ?? throw KubeStatus.BadRequest("the patch has an operation without \"op\"");
            var path = Text(operation, "path") ?? throw KubeStatus.BadRequest($"the \"{op}\" operation has no \"path\"");
            switch (op)
            {
                case "add":
                    document = Add(document, path, Value(operation, op));
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, Value(operation, op));
                    break;
                case "move":
                    var moved = Get(document, From(operation, op));
                    Remove(document, From(operation, op));
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    document = Add(document, path, Get(document, From(operation, op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), Value(operation, op)))
                    {
                        throw Unprocessable($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw KubeStatus.BadRequest($"Unexpected kind: {op}");
            }
        }

        return document as JsonObject ?? throw Unprocessable("the patch replaced the object with a non-object");
    }

    private static KubeApiException Unprocessable(string message) => new(422, "Invalid", message);

    private static string? Text(JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonNode? Value(JsonNode? operation, string op) =>
        operation is JsonObject o && o.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw KubeStatus.BadRequest($"the \"{op}\" operation has no \"value\"");

    private static string From(JsonNode? operation, string op) =>
        Text(operation, "from") ?? throw KubeStatus.BadRequest($"the \"{op}\" operation has no \"from\"");

    private static string[] Tokens(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw KubeStatus.BadRequest($"invalid JSON pointer \"{pointer}\"");
        }

        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static JsonNode? Get(JsonNode document, string pointer)
    {
        JsonNode? node = document;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when Index(token, a.Count, allowEnd: false) is var i => a[i],
                _ => throw Unprocessable($"path {pointer} does not exist"),
            };
        }

        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode document, string pointer)
    {
        var tokens = Tokens(pointer);
        var parent = Get(document, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        return parent is null ? throw Unprocessable($"path {pointer} does not exist") : (parent, tokens[^1]);
    }

    private static JsonNode Add(JsonNode document, string pointer, JsonNode? value)
    {
        if (pointer.Length == 0)
        {
            return value ?? throw Unprocessable("the patch replaced the object with null");
        }

        var (parent, last) = Tokens(pointer).Length == 1 ? (document, Tokens(pointer)[0]) : Parent(document, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a:
                a.Insert(Index(last, a.Count, allowEnd: true), value);
                break;
            default:
                throw Unprocessable($"path {pointer} does not exist");
        }

        return document;
    }

    private static void Remove(JsonNode document, string pointer)
    {
        var (parent, last) = Tokens(pointer).Length == 1 ? (document, Tokens(pointer)[0]) : Parent(document, pointer);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a:
                a.RemoveAt(Index(last, a.Count, allowEnd: false));
                break;
            default:
                throw Unprocessable($"Unable to remove nonexistent key: {last}: missing value");
        }
    }

    private static int Index(string token, int count, bool allowEnd)
    {
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > count || (!allowEnd && index == count))
        {
            throw Unprocessable($"invalid array index {token}");
        }

        return index;
    }
}
