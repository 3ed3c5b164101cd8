using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Http;

/// <summary>
/// Strategic merge patch for the built-in kinds, the part kubectl relies on: maps merge recursively, null removes,
/// lists with a merge key merge element by element (containers by name, container ports by containerPort, service
/// ports by port, ...), primitive lists with the merge strategy (finalizers) are unioned, other lists are replaced.
/// Directives: <c>$patch: delete|replace</c>, <c>$deleteFromPrimitiveList/field</c>; <c>$setElementOrder</c> and
/// <c>$retainKeys</c> are accepted and ignored (order is kept as merged).
/// </summary>
internal static class StrategicMergePatch
{
    public const string MediaType = "application/strategic-merge-patch+json";

    private const string Directive = "$patch";

    /// <summary>Merge keys by dotted path (list indexes left out); an empty key marks a merged primitive list.</summary>
    private static readonly Dictionary<string, string> s_mergeKeys = new(StringComparer.Ordinal)
    {
        ["metadata.finalizers"] = "",
        ["metadata.ownerReferences"] = "uid",
        ["spec.containers"] = "name",
        ["spec.initContainers"] = "name",
        ["spec.ephemeralContainers"] = "name",
        ["spec.containers.ports"] = "containerPort",
        ["spec.initContainers.ports"] = "containerPort",
        ["spec.containers.env"] = "name",
        ["spec.initContainers.env"] = "name",
        ["spec.containers.volumeMounts"] = "mountPath",
        ["spec.initContainers.volumeMounts"] = "mountPath",
        ["spec.volumes"] = "name",
        ["spec.imagePullSecrets"] = "name",
        ["spec.ports"] = "port",
        ["status.conditions"] = "type",
        ["status.addresses"] = "type",
        ["spec.finalizers"] = "",
    };

    public static JsonObject Apply(JsonObject target, JsonObject patch) =>
        MergeObject(target.DeepClone().AsObject(), patch, "") ?? [];

    private static JsonObject? MergeObject(JsonObject target, JsonObject patch, string path)
    {
        switch (Text(patch[Directive]))
        {
            case "delete":
                return null;
            case "replace":
                return Clean(patch);
        }

        foreach (var (name, value) in patch)
        {
            if (name == Directive || name == "$retainKeys" || name.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                continue;
            }

            if (name.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = name["$deleteFromPrimitiveList/".Length..];
                if (target[field] is JsonArray list && value is JsonArray removed)
                {
                    foreach (var item in list.Where(i => removed.Any(r => JsonNode.DeepEquals(i, r))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchChild)
            {
                var merged = MergeObject(target[name] as JsonObject ?? [], patchChild, childPath);
                if (merged is null)
                {
                    target.Remove(name);
                }
                else
                {
                    target[name] = merged.DeepClone();
                }
            }
            else if (value is JsonArray patchList && s_mergeKeys.TryGetValue(childPath, out var key))
            {
                target[name] = MergeList(target[name] as JsonArray ?? [], patchList, key, childPath);
            }
            else
            {
                target[name] = value is JsonArray array ? CleanArray(array) : value.DeepClone();
            }
        }

        return target;
    }

    private static JsonArray MergeList(JsonArray target, JsonArray patch, string key, string path)
    {
        var result = new JsonArray(target.Select(i => i?.DeepClone()).ToArray());
        if (key.Length == 0)
        {
            foreach (var item in patch.Where(p => !result.Any(r => JsonNode.DeepEquals(r, p))))
            {
                result.Add(item?.DeepClone());
            }

            return result;
        }

        if (patch.Any(p => p is JsonObject o && Text(o[Directive]) == "replace"))
        {
            return new JsonArray(patch.Where(p => p is not JsonObject o || Text(o[Directive]) != "replace").Select(p => (JsonNode?)Clean(p!.AsObject())).ToArray());
        }

        foreach (var item in patch.OfType<JsonObject>())
        {
            var existing = result.OfType<JsonObject>().FirstOrDefault(r => JsonNode.DeepEquals(r[key], item[key]));
            if (Text(item[Directive]) == "delete")
            {
                if (existing is not null)
                {
                    result.Remove(existing);
                }
            }
            else if (existing is not null)
            {
                var index = result.IndexOf(existing);
                result[index] = MergeObject(existing.DeepClone().AsObject(), item, path);
            }
            else
            {
                result.Add(Clean(item));
            }
        }

        return result;
    }

    /// <summary>A copy of a patch fragment with its directives removed, for values that are added as they are.</summary>
    private static JsonObject Clean(JsonObject patch)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in patch)
        {
            if (!name.StartsWith('$'))
            {
                copy[name] = value switch
                {
                    JsonObject o => Clean(o),
                    JsonArray a => CleanArray(a),
                    _ => value?.DeepClone(),
                };
            }
        }

        return copy;
    }

    private static JsonArray CleanArray(JsonArray array) =>
        new(array.Select(i => i is JsonObject o ? Clean(o) : i?.DeepClone()).ToArray());

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
