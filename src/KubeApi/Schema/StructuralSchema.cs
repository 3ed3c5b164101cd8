using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Schema;

/// <summary>
/// Enforces a CRD's openAPIV3Schema as kube-apiserver does, for what our CRDs use: type, required, properties (unknown
/// fields are pruned unless x-kubernetes-preserve-unknown-fields), additionalProperties, items, minimum, maximum,
/// minLength, maxLength, pattern, enum, and x-kubernetes-validations (see <see cref="CelRule"/>). The messages are
/// kube-apiserver's, with the field path. CEL rules are checked only when the rest of the schema holds.
/// </summary>
internal sealed class StructuralSchema
{
    private readonly JsonObject _root;
    private readonly Dictionary<JsonObject, IReadOnlyList<CelRule>> _rules = new(ReferenceEqualityComparer.Instance);

    public StructuralSchema(JsonObject root, string where)
    {
        _root = root ?? throw new ArgumentNullException(nameof(root));
        CollectRules(root, where);
    }

    /// <summary>Every CEL rule of the schema, with the path of the field it guards (tests compare them with a real server's).</summary>
    public IEnumerable<(string Path, CelRule Rule)> Rules => RulesUnder(_root, "");

    /// <summary>
    /// Prunes unknown fields from <paramref name="candidate"/> (adding their paths to <paramref name="pruned"/>) and returns
    /// what breaks the schema (empty: valid).
    /// </summary>
    public IReadOnlyList<FieldViolation> ValidateAndPrune(JsonObject candidate, List<string>? pruned = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var errors = new List<FieldViolation>();
        var pending = new List<(string Path, JsonNode Node, CelRule Rule)>();
        Walk(_root, candidate, "", errors, pending, pruned ?? [], isRoot: true);
        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var (path, node, rule) in pending)
        {
            if (Number(node) is { } value && !rule.Holds(value))
            {
                errors.Add(new(path, FieldReasons.Invalid, $"Invalid value: \"{TypeName(node)}\": {rule.Message}"));
            }
        }

        return errors;
    }

    private void Walk(JsonObject schema, JsonNode? node, string path, List<FieldViolation> errors,
        List<(string, JsonNode, CelRule)> pending, List<string> pruned, bool isRoot = false)
    {
        if (node is null)
        {
            return; // null for an optional field: kube drops it as it would an absent one
        }

        var type = schema["type"]?.GetValue<string>();
        if (type is not null && !HasType(node, type))
        {
            errors.Add(new(path, "FieldValueTypeInvalid", $"Invalid value: \"{TypeName(node)}\": {path} in body must be of type {type}: \"{TypeName(node)}\""));
            return;
        }

        CheckScalar(schema, node, path, errors);
        if (_rules.TryGetValue(schema, out var rules))
        {
            pending.AddRange(rules.Select(r => (path, node, r)));
        }

        if (node is JsonObject obj)
        {
            WalkObject(schema, obj, path, errors, pending, pruned, isRoot);
        }
        else if (node is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(items, array[i], $"{path}[{i}]", errors, pending, pruned);
            }
        }
    }

    private void WalkObject(JsonObject schema, JsonObject obj, string path, List<FieldViolation> errors,
        List<(string, JsonNode, CelRule)> pending, List<string> pruned, bool isRoot)
    {
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (obj[required] is null)
            {
                errors.Add(new(Join(path, required), FieldReasons.Required, "Required value"));
            }
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (key, value) in obj.ToList())
        {
            if (isRoot && key == "metadata")
            {
                continue; // metadata is the API server's own, never pruned or checked by the CRD
            }

            if (value is null && !preserve)
            {
                obj.Remove(key); // a null where the schema does not allow one is dropped, as kube-apiserver does
                continue;
            }

            if (properties?[key] is JsonObject property)
            {
                Walk(property, value, Join(path, key), errors, pending, pruned);
            }
            else if (additional is not null)
            {
                Walk(additional, value, Join(path, key), errors, pending, pruned);
            }
            else if (!preserve && (properties is not null || schema["type"]?.GetValue<string>() == "object"))
            {
                obj.Remove(key); // an unknown field is dropped, as kube-apiserver prunes it
                pruned.Add(Join(path, key));
            }
        }
    }

    private static void CheckScalar(JsonObject schema, JsonNode node, string path, List<FieldViolation> errors)
    {
        var shown = node.ToJsonString();
        if (Number(node) is { } number)
        {
            if (Limit(schema, "minimum") is { } minimum && number < minimum)
            {
                errors.Add(new(path, FieldReasons.Invalid, $"Invalid value: {shown}: {path} in body should be greater than or equal to {minimum}"));
            }

            if (Limit(schema, "maximum") is { } maximum && number > maximum)
            {
                errors.Add(new(path, FieldReasons.Invalid, $"Invalid value: {shown}: {path} in body should be less than or equal to {maximum}"));
            }
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            var text = node.GetValue<string>();
            if (Limit(schema, "maxLength") is { } maxLength && text.Length > maxLength)
            {
                errors.Add(new(path, "FieldValueTooLong", $"Too long: may not be longer than {maxLength}"));
            }

            if (Limit(schema, "minLength") is { } minLength && text.Length < minLength)
            {
                errors.Add(new(path, FieldReasons.Invalid, $"Invalid value: {shown}: {path} in body should be at least {minLength} chars long"));
            }

            if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                errors.Add(new(path, FieldReasons.Invalid, $"Invalid value: {shown}: {path} in body should match '{pattern}'"));
            }
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            var supported = string.Join(", ", allowed.Select(a => a!.ToJsonString()));
            errors.Add(new(path, "FieldValueNotSupported", $"Unsupported value: {shown}: supported values: {supported}"));
        }
    }

    private void CollectRules(JsonObject schema, string where)
    {
        if (schema["x-kubernetes-validations"] is JsonArray validations)
        {
            _rules[schema] = [.. validations.OfType<JsonObject>().Select(v =>
                CelRule.Parse(v["rule"]?.GetValue<string>() ?? "", v["message"]?.GetValue<string>(), where))];
        }

        foreach (var child in Children(schema))
        {
            CollectRules(child.Schema, where);
        }
    }

    private IEnumerable<(string Path, CelRule Rule)> RulesUnder(JsonObject schema, string path)
    {
        foreach (var rule in _rules.GetValueOrDefault(schema) ?? [])
        {
            yield return (path, rule);
        }

        foreach (var (name, child) in Children(schema))
        {
            foreach (var nested in RulesUnder(child, name == "[]" ? path + "[*]" : Join(path, name)))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<(string Name, JsonObject Schema)> Children(JsonObject schema)
    {
        foreach (var (name, child) in schema["properties"] as JsonObject ?? new JsonObject())
        {
            if (child is JsonObject childSchema)
            {
                yield return (name, childSchema);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            yield return ("[]", items);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            yield return ("[]", additional);
        }
    }

    private static bool HasType(JsonNode node, string type) => (type, node.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => Number(node) is { } n && n == decimal.Truncate(n),
        _ => false,
    };

    private static string TypeName(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => Number(node) is { } n && n == decimal.Truncate(n) ? "integer" : "number",
        _ => "null",
    };

    private static decimal? Number(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static decimal? Limit(JsonObject schema, string keyword) => schema[keyword] is { } limit ? Number(limit) : null;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
