using System.Text.Json.Nodes;
using Multinet.KubeApi.Http;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Apply;

/// <summary>
/// Server-side apply with a pragmatic ownership model: a manager's applied configuration is merged into the object
/// (strategic merge for built-in kinds, JSON merge for custom ones); it owns the leaf paths it applied; a path
/// another manager owns conflicts when the applied value differs, unless forced (then ownership moves); paths it
/// applied before and no longer applies are removed unless another manager still owns them.
/// </summary>
internal static class ServerSideApply
{
    public const string MediaType = "application/apply-patch+yaml";

    public static JsonObject Apply(ResourceDescriptor resource, JsonObject? current, JsonObject applied, string manager, bool force, string time)
    {
        var includeStatus = !resource.HasStatusSubresource;
        var paths = FieldPaths.Leaves(applied, includeStatus);
        var mine = new FieldManagerEntry(manager, "Apply", resource.ApiVersion, time, paths);
        if (current is null)
        {
            var created = applied.DeepClone().AsObject();
            ManagedFields.Write(created, [mine]);
            return created;
        }

        var entries = ManagedFields.Read(current);
        var conflicts = new List<(string Manager, string ApiVersion, string Path)>();
        foreach (var other in entries.Where(e => !(e.Manager == manager && e.Operation == "Apply")))
        {
            foreach (var path in paths.Where(other.Fields.Contains).Order(StringComparer.Ordinal))
            {
                if (!JsonNode.DeepEquals(FieldPaths.Read(current, path), FieldPaths.Read(applied, path)))
                {
                    conflicts.Add((other.Manager, other.ApiVersion, path));
                    if (force)
                    {
                        other.Fields.Remove(path);
                    }
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(resource, KubeHttp.MetadataString(current, "name") ?? "", conflicts);
        }

        var previous = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply");
        var merged = resource.IsCustomResource
            ? JsonMergePatch.Apply(current, applied)!.AsObject()
            : StrategicMergePatch.Apply(current, applied);
        if (previous is not null)
        {
            var ownedByOthers = entries.Where(e => e != previous).SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
            foreach (var dropped in previous.Fields.Where(p => !paths.Contains(p) && !ownedByOthers.Contains(p)))
            {
                FieldPaths.Remove(merged, dropped);
            }

            // Unchanged ownership keeps its timestamp, so re-applying the same configuration changes nothing.
            entries[entries.IndexOf(previous)] = previous.Fields.SetEquals(paths) ? mine with { Time = previous.Time } : mine;
        }
        else
        {
            entries.Add(mine);
        }

        ManagedFields.Write(merged, entries);
        return merged;
    }

    private static KubeApiException Conflict(ResourceDescriptor resource, string name, List<(string Manager, string ApiVersion, string Path)> conflicts)
    {
        var causes = new JsonArray(conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
            ["field"] = "." + c.Path.Replace("\\.", ".", StringComparison.Ordinal),
        }).ToArray());
        var lines = string.Join("\n", conflicts.Select(c => $"- conflict with \"{c.Manager}\" using {c.ApiVersion}: .{c.Path.Replace("\\.", ".", StringComparison.Ordinal)}"));
        var noun = conflicts.Count == 1 ? "conflict" : "conflicts";
        return new(409, "Conflict", $"Apply failed with {conflicts.Count} {noun}:\n{lines}", new JsonObject
        {
            ["name"] = name,
            ["group"] = resource.Group,
            ["kind"] = resource.Plural,
            ["causes"] = causes,
        });
    }
}
