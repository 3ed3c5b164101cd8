using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Apply;

/// <summary>
/// The fields of an object as dotted leaf paths (<c>spec.vni</c>, <c>metadata.labels.team</c>), the unit of field
/// ownership. Lists and empty maps are leaves: a list is owned as a whole.
/// </summary>
internal static class FieldPaths
{
    /// <summary>Server-owned or identifying fields nobody manages.</summary>
    private static readonly HashSet<string> s_ignored = new(StringComparer.Ordinal)
    {
        "apiVersion", "kind", "metadata.name", "metadata.namespace", "metadata.uid", "metadata.resourceVersion",
        "metadata.generation", "metadata.creationTimestamp", "metadata.managedFields", "metadata.deletionTimestamp",
        "metadata.deletionGracePeriodSeconds", "metadata.generateName",
    };

    public static HashSet<string> Leaves(JsonObject obj, bool includeStatus)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Collect(obj, "", paths);
        paths.RemoveWhere(p => s_ignored.Contains(p) || (!includeStatus && (p == "status" || p.StartsWith("status.", StringComparison.Ordinal))));
        return paths;
    }

    public static JsonNode? Read(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in Split(path))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    public static void Remove(JsonObject obj, string path)
    {
        var parts = Split(path);
        JsonNode? node = obj;
        foreach (var part in parts[..^1])
        {
            node = node is JsonObject o ? o[part] : null;
        }

        (node as JsonObject)?.Remove(parts[^1]);
    }

    /// <summary>Paths joined with '.', a dot inside a key (label keys such as app.kubernetes.io/name) escaped as "\.".</summary>
    public static string Join(string prefix, string name)
    {
        var escaped = name.Replace(".", "\\.", StringComparison.Ordinal);
        return prefix.Length == 0 ? escaped : $"{prefix}.{escaped}";
    }

    public static string[] Split(string path)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '.')
            {
                current.Append('.');
                i++;
            }
            else if (path[i] == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }

        parts.Add(current.ToString());
        return [.. parts];
    }

    private static void Collect(JsonObject obj, string prefix, HashSet<string> paths)
    {
        foreach (var (name, value) in obj)
        {
            var path = Join(prefix, name);
            if (value is JsonObject { Count: > 0 } child)
            {
                Collect(child, path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }
    }
}
