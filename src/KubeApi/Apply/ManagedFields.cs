using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Apply;

/// <summary>
/// metadata.managedFields: one entry per manager and operation (Apply or Update) with the leaf paths it owns, written
/// as fieldsV1 (<c>{"f:spec":{"f:vni":{}}}</c>). Updates take ownership of the fields they change; removed fields
/// lose their owners.
/// </summary>
internal static class ManagedFields
{
    public static List<FieldManagerEntry> Read(JsonObject obj)
    {
        var entries = new List<FieldManagerEntry>();
        if (obj["metadata"]?["managedFields"] is not JsonArray array)
        {
            return entries;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            var fields = new HashSet<string>(StringComparer.Ordinal);
            if (item["fieldsV1"] is JsonObject fieldsV1)
            {
                ReadFields(fieldsV1, "", fields);
            }

            entries.Add(new(Text(item["manager"]) ?? "", Text(item["operation"]) ?? "Update", Text(item["apiVersion"]) ?? "", Text(item["time"]) ?? "", fields));
        }

        return entries;
    }

    public static void Write(JsonObject obj, IEnumerable<FieldManagerEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            array.Add(new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = ToFieldsV1(entry.Fields),
            });
        }

        var metadata = obj["metadata"]!.AsObject();
        if (array.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = array;
        }
    }

    /// <summary>Records a create, update or patch by <paramref name="manager"/>: it owns what it changed.</summary>
    public static void RecordUpdate(JsonObject? before, JsonObject after, string manager, string time, bool includeStatus)
    {
        var entries = before is null ? [] : Read(before);
        var newPaths = FieldPaths.Leaves(after, includeStatus);
        var oldPaths = before is null ? [] : FieldPaths.Leaves(before, includeStatus);
        var changed = newPaths.Where(p => before is null || !JsonNode.DeepEquals(FieldPaths.Read(before, p), FieldPaths.Read(after, p))).ToHashSet(StringComparer.Ordinal);
        var removed = oldPaths.Where(p => !newPaths.Contains(p)).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            entry.Fields.ExceptWith(removed);
            entry.Fields.RemoveWhere(p => !newPaths.Contains(p));
            if (!(entry.Manager == manager && entry.Operation == "Update"))
            {
                entry.Fields.ExceptWith(changed);
            }
        }

        if (changed.Count > 0)
        {
            var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Update");
            if (mine is null)
            {
                entries.Add(new(manager, "Update", Text(after["apiVersion"]) ?? "", time, changed));
            }
            else
            {
                mine.Fields.UnionWith(changed);
                entries[entries.IndexOf(mine)] = mine with { Time = time };
            }
        }

        Write(after, entries);
    }

    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var part in FieldPaths.Split(path))
            {
                if (node["f:" + part] is not JsonObject child)
                {
                    child = [];
                    node["f:" + part] = child;
                }

                node = child;
            }
        }

        return root;
    }

    private static void ReadFields(JsonObject node, string prefix, HashSet<string> fields)
    {
        foreach (var (key, value) in node)
        {
            if (!key.StartsWith("f:", StringComparison.Ordinal))
            {
                continue;
            }

            var path = FieldPaths.Join(prefix, key[2..]);
            if (value is JsonObject { Count: > 0 } child && child.Any(c => c.Key.StartsWith("f:", StringComparison.Ordinal)))
            {
                ReadFields(child, path, fields);
            }
            else
            {
                fields.Add(path);
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
