using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Http;

/// <summary>
/// labelSelector (k=v, k==v, k!=v, k, !k, k in (a,b), k notin (a,b)) and fieldSelector (metadata.name,
/// metadata.namespace, and the pod and event field labels such as spec.nodeName, with =, ==, !=) as kube-apiserver understands them; all terms must match.
/// </summary>
internal static class Selectors
{
    /// <summary>The field labels kube-apiserver supports for pods and events besides metadata.name and metadata.namespace.</summary>
    private static readonly HashSet<string> s_fieldLabels = new(StringComparer.Ordinal)
    {
        "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP",
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "reason", "type",
    };

    public static Func<JsonObject, bool> Parse(string? labelSelector, string? fieldSelector)
    {
        var tests = new List<Func<JsonObject, bool>>();
        foreach (var term in SplitTerms(labelSelector))
        {
            tests.Add(ParseLabelTerm(term));
        }

        foreach (var term in SplitTerms(fieldSelector))
        {
            tests.Add(ParseFieldTerm(term));
        }

        return obj => tests.TrueForAll(test => test(obj));
    }

    private static Func<JsonObject, bool> ParseLabelTerm(string term)
    {
        static string? Label(JsonObject obj, string key) =>
            obj["metadata"]?["labels"]?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return obj => Label(obj, key) is null;
        }

        var setMatch = System.Text.RegularExpressions.Regex.Match(term, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (setMatch.Success)
        {
            var key = setMatch.Groups[1].Value;
            var values = setMatch.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var negate = setMatch.Groups[2].Value == "notin";
            return obj => Label(obj, key) is { } v ? values.Contains(v) != negate : negate;
        }

        var (k, op, expected) = SplitOperator(term);
        return op switch
        {
            null => obj => Label(obj, k) is not null,
            "!=" => obj => Label(obj, k) != expected,
            _ => obj => Label(obj, k) == expected,
        };
    }

    private static Func<JsonObject, bool> ParseFieldTerm(string term)
    {
        var (field, op, expected) = SplitOperator(term);
        Func<JsonObject, string?> read = field switch
        {
            "metadata.name" => obj => obj["metadata"]?["name"]?.GetValue<string>(),
            "metadata.namespace" => obj => obj["metadata"]?["namespace"]?.GetValue<string>() ?? "",
            _ when s_fieldLabels.Contains(field) => obj => ReadPath(obj, field),
            _ => throw KubeStatus.BadRequest($"field label not supported: {field}"),
        };
        return op switch
        {
            "!=" => obj => read(obj) != expected,
            "=" or "==" => obj => read(obj) == expected,
            _ => throw KubeStatus.BadRequest($"invalid field selector: '{term}'"),
        };
    }

    /// <summary>A scalar at a dotted path (e.g. a pod's spec.nodeName); a missing field reads as empty, as kube's field sets do.</summary>
    private static string ReadPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node is JsonValue value ? value.ToString() : "";
    }

    private static (string Key, string? Op, string Value) SplitOperator(string term)
    {
        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (term[..at].Trim(), op, term[(at + op.Length)..].Trim());
            }
        }

        return (term.Trim(), null, "");
    }

    /// <summary>Splits on commas that are not inside a parenthesised value set.</summary>
    private static IEnumerable<string> SplitTerms(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i <= selector.Length; i++)
        {
            if (i == selector.Length || (selector[i] == ',' && depth == 0))
            {
                var term = selector[start..i].Trim();
                if (term.Length > 0)
                {
                    yield return term;
                }

                start = i + 1;
            }
            else if (selector[i] == '(')
            {
                depth++;
            }
            else if (selector[i] == ')')
            {
                depth--;
            }
        }
    }
}
