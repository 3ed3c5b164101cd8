using System.Text.Json.Nodes;
using System.Text;

namespace Multinet.KubeApi.Http;

/// <summary>
/// Just enough of Kubernetes' protobuf encoding to accept what typed client-go clients (e.g. <c>kubectl create
/// namespace</c>) send for built-in kinds: the "k8s\0" envelope (runtime.Unknown) around an object whose
/// ObjectMeta (name, generateName, labels, annotations, finalizers) and a spec of repeated strings (finalizers) are
/// read. Anything else in the object is ignored.
/// </summary>
internal static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] s_magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(s_magic))
        {
            throw KubeStatus.BadRequest("protobuf body without the k8s envelope");
        }

        JsonObject result = [];
        ReadOnlySpan<byte> raw = default;
        foreach (var (field, value) in Fields(body[s_magic.Length..]))
        {
            if (field == 1)
            {
                foreach (var (typeField, text) in Fields(value))
                {
                    result[typeField == 1 ? "apiVersion" : "kind"] = Encoding.UTF8.GetString(text);
                }
            }
            else if (field == 2)
            {
                raw = value;
            }
        }

        foreach (var (field, value) in Fields(raw))
        {
            if (field == 1)
            {
                result["metadata"] = Metadata(value);
            }
            else if (field == 2)
            {
                result["spec"] = new JsonObject { ["finalizers"] = Strings(value, 1) };
            }
        }

        return result;
    }

    private static JsonObject Metadata(ReadOnlySpan<byte> meta)
    {
        JsonObject metadata = [];
        JsonObject labels = [];
        JsonObject annotations = [];
        JsonArray finalizers = [];
        foreach (var (field, value) in Fields(meta))
        {
            switch (field)
            {
                case 1 when value.Length > 0: metadata["name"] = Encoding.UTF8.GetString(value); break;
                case 2 when value.Length > 0: metadata["generateName"] = Encoding.UTF8.GetString(value); break;
                case 11: AddEntry(labels, value); break;
                case 12: AddEntry(annotations, value); break;
                case 14: finalizers.Add(Encoding.UTF8.GetString(value)); break;
            }
        }

        if (labels.Count > 0)
        {
            metadata["labels"] = labels;
        }

        if (annotations.Count > 0)
        {
            metadata["annotations"] = annotations;
        }

        if (finalizers.Count > 0)
        {
            metadata["finalizers"] = finalizers;
        }

        return metadata;
    }

    private static void AddEntry(JsonObject map, ReadOnlySpan<byte> entry)
    {
        string key = "", value = "";
        foreach (var (field, bytes) in Fields(entry))
        {
            if (field == 1)
            {
                key = Encoding.UTF8.GetString(bytes);
            }
            else if (field == 2)
            {
                value = Encoding.UTF8.GetString(bytes);
            }
        }

        map[key] = value;
    }

    private static JsonArray Strings(ReadOnlySpan<byte> message, int number)
    {
        JsonArray values = [];
        foreach (var (field, value) in Fields(message))
        {
            if (field == number)
            {
                values.Add(Encoding.UTF8.GetString(value));
            }
        }

        return values;
    }

    /// <summary>The length-delimited fields of a message (varint and fixed fields are skipped).</summary>
    private static List<(int Field, byte[] Value)> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<(int, byte[])>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var wireType = (int)(key & 7);
            var field = (int)(key >> 3);
            switch (wireType)
            {
                case 0: Varint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (length < 0 || at + length > message.Length)
                    {
                        throw KubeStatus.BadRequest("truncated protobuf body");
                    }

                    fields.Add((field, message.Slice(at, length).ToArray()));
                    at += length;
                    break;
                default: throw KubeStatus.BadRequest($"unsupported protobuf wire type {wireType}");
            }
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
            {
                throw KubeStatus.BadRequest("truncated protobuf body");
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw KubeStatus.BadRequest("malformed protobuf varint");
    }
}
