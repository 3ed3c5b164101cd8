using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Http;

/// <summary>
/// The meta.k8s.io/v1 Table kubectl asks for (<c>Accept: application/json;as=Table;...</c>): Name, the descriptor's
/// printer columns, Age, as the API server renders custom resources.
/// </summary>
internal static class TableConverter
{
    public static bool Wanted(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Convert(ResourceDescriptor resource, IEnumerable<JsonObject> items, string resourceVersion, DateTimeOffset now) =>
        new()
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = Columns(resource),
            ["rows"] = new JsonArray(items.Select(item => (JsonNode)Row(resource, item, now)).ToArray()),
        };

    /// <summary>Name, the descriptor's printer columns, Age.</summary>
    public static JsonArray Columns(ResourceDescriptor resource)
    {
        var columns = new JsonArray { Column("Name", "string", "name") };
        foreach (var column in resource.Columns)
        {
            columns.Add(Column(column.Name, column.Type, ""));
        }

        columns.Add(Column("Age", "date", "creationTimestamp"));
        return columns;
    }

    /// <summary>
    /// Writes one row as <see cref="Row"/> builds it, straight from <paramref name="item"/> (which may be a shared tree:
    /// nothing is copied or changed).
    /// </summary>
    public static void WriteRow(Utf8JsonWriter json, ResourceDescriptor resource, JsonObject item, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteStartArray("cells");
        json.WriteStringValue(KubeHttp.MetadataString(item, "name"));
        foreach (var column in resource.Columns)
        {
            JsonNode? node = item;
            foreach (var part in column.Compute is null ? column.Path.Split('.') : [])
            {
                node = node?[part];
            }

            node = column.Compute is { } compute ? compute(item) : node;

            if (node is null)
            {
                json.WriteNullValue();
            }
            else
            {
                node.WriteTo(json);
            }
        }

        json.WriteStringValue(Age(KubeHttp.MetadataString(item, "creationTimestamp"), now));
        json.WriteEndArray();
        json.WriteStartObject("object");
        json.WriteString("kind", "PartialObjectMetadata");
        json.WriteString("apiVersion", "meta.k8s.io/v1");
        json.WritePropertyName("metadata");
        if (item["metadata"] is { } metadata)
        {
            metadata.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>One row: its cells and the object's metadata (copied, so <paramref name="item"/> may be a shared tree).</summary>
    public static JsonObject Row(ResourceDescriptor resource, JsonObject item, DateTimeOffset now)
    {
        var cells = new JsonArray { KubeHttp.MetadataString(item, "name") };
        foreach (var column in resource.Columns)
        {
            JsonNode? node = item;
            foreach (var part in column.Path.Split('.'))
            {
                // "interfaces[0]": a field, then an index into it (a printer column such as KubeVirt's .status.interfaces[0].ipAddress).
                var bracket = part.IndexOf('[', StringComparison.Ordinal);
                node = bracket < 0 ? node?[part] : node?[part[..bracket]];
                if (bracket >= 0 && int.TryParse(part[(bracket + 1)..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    node = node is JsonArray array && index < array.Count ? array[index] : null;
                }
            }

            cells.Add(column.Compute is { } compute ? compute(item) : node?.DeepClone());
        }

        cells.Add(Age(KubeHttp.MetadataString(item, "creationTimestamp"), now));
        return new JsonObject
        {
            ["cells"] = cells,
            ["object"] = new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = item["metadata"]?.DeepClone(),
            },
        };
    }

    private static JsonObject Column(string name, string type, string format) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = "",
        ["priority"] = 0,
    };

    /// <summary>kubectl's short human durations: 45s, 3m12s, 5h, 2d3h, 120d.</summary>
    private static string Age(string? timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        {
            return "<unknown>";
        }

        var age = now - created;
        if (age < TimeSpan.FromMinutes(2))
        {
            return $"{Math.Max(0, (int)age.TotalSeconds)}s";
        }

        if (age < TimeSpan.FromMinutes(10))
        {
            return age.Seconds == 0 ? $"{(int)age.TotalMinutes}m" : $"{(int)age.TotalMinutes}m{age.Seconds}s";
        }

        if (age < TimeSpan.FromHours(3))
        {
            return $"{(int)age.TotalMinutes}m";
        }

        if (age < TimeSpan.FromHours(8))
        {
            return age.Minutes == 0 ? $"{(int)age.TotalHours}h" : $"{(int)age.TotalHours}h{age.Minutes}m";
        }

        if (age < TimeSpan.FromHours(48))
        {
            return $"{(int)age.TotalHours}h";
        }

        return age < TimeSpan.FromDays(8) && age.Hours != 0 ? $"{(int)age.TotalDays}d{age.Hours}h" : $"{(int)age.TotalDays}d";
    }
}
