using System.Text.Json.Nodes;

namespace Multinet.Web.Yaml;

/// <summary>
/// What a three-way merge found: the merged object (the server's version with your changes on top), the fields
/// both sides changed differently (<see cref="Conflicts"/>: the merged object keeps the server's value there), and
/// each side's changed fields. Paths read like <c>spec/range</c>; <c>~1</c> stands for a <c>/</c> inside a key.
/// </summary>
public sealed record MergeResult(JsonObject Merged, IReadOnlyList<string> Conflicts, IReadOnlyList<string> YourChanges, IReadOnlyList<string> TheirChanges)
{
    public bool Clean => Conflicts.Count == 0;
}

/// <summary>
/// Merges your edit of an object into the server's newer version, field by field (lists are one field), the way a
/// careful person would: a field only you changed takes your value, one only the server changed keeps the server's,
/// one both changed to different values is a conflict left for you to decide. Server bookkeeping (resourceVersion,
/// managedFields, generation, status...) always comes from the server.
/// </summary>
public static class ThreeWayMerge
{
    private static readonly string[] s_serverOwned =
        ["metadata/resourceVersion", "metadata/managedFields", "metadata/generation", "metadata/creationTimestamp", "metadata/uid", "status"];

    public static MergeResult Merge(JsonObject @base, JsonObject yours, JsonObject server)
    {
        ArgumentNullException.ThrowIfNull(@base);
        ArgumentNullException.ThrowIfNull(yours);
        ArgumentNullException.ThrowIfNull(server);
        var b = Flatten(@base);
        var y = Flatten(yours);
        var s = Flatten(server);

        var merged = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        var mine = new List<string>();
        var theirs = new List<string>();
        foreach (var path in b.Keys.Union(y.Keys).Union(s.Keys).Order(StringComparer.Ordinal))
        {
            var hasB = b.TryGetValue(path, out var bv);
            var hasY = y.TryGetValue(path, out var yv);
            var hasS = s.TryGetValue(path, out var sv);
            if (IsServerOwned(path))
            {
                if (hasS)
                {
                    merged[path] = sv;
                }

                continue;
            }

            var youChanged = !Same(hasB, bv, hasY, yv);
            var theyChanged = !Same(hasB, bv, hasS, sv);
            if (youChanged)
            {
                mine.Add(path);
            }

            if (theyChanged)
            {
                theirs.Add(path);
            }

            var (take, value) = (youChanged, theyChanged) switch
            {
                (true, false) => (hasY, yv),
                (true, true) when Same(hasY, yv, hasS, sv) => (hasY, yv),
                (true, true) => (hasS, sv),
                _ => (hasS, sv),
            };
            if (youChanged && theyChanged && !Same(hasY, yv, hasS, sv))
            {
                conflicts.Add(path);
            }

            if (take)
            {
                merged[path] = value;
            }
        }

        return new MergeResult(Unflatten(merged), conflicts, mine, theirs);
    }

    private static bool IsServerOwned(string path) =>
        s_serverOwned.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal));

    private static bool Same(bool hasA, JsonNode? a, bool hasB, JsonNode? b) =>
        hasA == hasB && (!hasA || JsonNode.DeepEquals(a, b));

    /// <summary>Leaf path to value; lists and empty objects are leaves.</summary>
    private static Dictionary<string, JsonNode?> Flatten(JsonObject obj)
    {
        var leaves = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        Walk(obj, "", leaves);
        return leaves;
    }

    private static void Walk(JsonObject obj, string prefix, Dictionary<string, JsonNode?> leaves)
    {
        if (obj.Count == 0 && prefix.Length > 0)
        {
            leaves[prefix] = new JsonObject();
            return;
        }

        foreach (var (key, value) in obj)
        {
            var path = prefix.Length == 0 ? Escape(key) : $"{prefix}/{Escape(key)}";
            if (value is JsonObject child)
            {
                Walk(child, path, leaves);
            }
            else
            {
                leaves[path] = value?.DeepClone();
            }
        }
    }

    private static JsonObject Unflatten(SortedDictionary<string, JsonNode?> leaves)
    {
        var root = new JsonObject();
        foreach (var (path, value) in leaves)
        {
            var segments = path.Split('/').Select(Unescape).ToArray();
            var node = root;
            foreach (var segment in segments[..^1])
            {
                if (node[segment] is not JsonObject next)
                {
                    next = new JsonObject();
                    node[segment] = next;
                }

                node = next;
            }

            node[segments[^1]] = value?.DeepClone();
        }

        return root;
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
