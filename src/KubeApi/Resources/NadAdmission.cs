using System.Text.Json.Nodes;
using System.Text.Json;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Resources;

/// <summary>
/// Admission of NetworkAttachmentDefinitions: <c>spec.config</c> must be a JSON document (422 with the parse error's
/// position otherwise); a calico plugin whose <c>dataplane_options.network_name</c> names no Network is accepted with
/// a warning, since the Network may be created next.
/// </summary>
internal static class NadAdmission
{
    public const string ConfigField = "spec.config";

    public static ValidationResult Validate(JsonObject candidate)
    {
        var config = candidate["spec"]?["config"];
        if (config is null)
        {
            return ValidationResult.Valid;
        }

        if (config is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return Invalid("FieldValueTypeInvalid", $"Invalid value: \"{config.GetValueKind().ToString().ToLowerInvariant()}\": spec.config in body must be of type string");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind is JsonValueKind.Object
                ? ValidateIpam(text)
                : Invalid(FieldReasons.Invalid, "Invalid value: the CNI configuration must be a JSON object");
        }
        catch (JsonException ex)
        {
            return Invalid(FieldReasons.Invalid,
                $"Invalid value: not valid JSON at line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }
        catch (ArgumentException ex)
        {
            return Invalid(FieldReasons.Invalid, $"Invalid value: not valid JSON: {FirstSentence(ex.Message)}"); // text that is not valid UTF-16
        }
    }

    public static IReadOnlyList<FieldViolation> Warnings(JsonObject candidate, ObjectLookup lookup)
    {
        var warnings = new List<FieldViolation>();
        foreach (var network in NetworkNames(candidate))
        {
            if (lookup(BuiltInResources.Networks, "", network) is null)
            {
                warnings.Add(new(ConfigField, "FieldValueNotFound",
                    $"dataplane_options.network_name \"{network}\" names no Network: pods attached through this definition get no interface until it exists"));
            }
        }

        return warnings;
    }

    /// <summary>The network names the calico plugins of a (valid) configuration refer to.</summary>
    public static IEnumerable<string> NetworkNames(JsonObject candidate)
    {
        JsonNode? root;
        try
        {
            root = candidate["spec"]?["config"] is JsonValue v && v.TryGetValue<string>(out var text) ? JsonNode.Parse(text) : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            yield break;
        }

        var plugins = root is JsonObject config && config["plugins"] is JsonArray list ? list.ToList() : [root];
        foreach (var plugin in plugins)
        {
            if (plugin is JsonObject p && p["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "calico"
                && p["dataplane_options"] is JsonObject options && options["network_name"] is JsonValue n && n.TryGetValue<string>(out var name) && name.Length > 0)
            {
                yield return name;
            }
        }
    }

    /// <summary>
    /// The IPAM section's <c>routes</c> and <c>exclude</c>/<c>excludeIps</c>, each bad entry at its path; with a range in
    /// the configuration itself (Whereabouts), gateways and excluded addresses must lie in it. A Network's range is
    /// checked when a pod attaches, since the Network may change after the definition.
    /// </summary>
    private static ValidationResult ValidateIpam(string text)
    {
        if (Multinet.Shared.Ipam.NadIpamConfig.Parse(text).Config is not { } config)
        {
            return ValidationResult.Valid;
        }

        var errors = new List<FieldViolation>(config.Problems);
        if (config.IpamRange is { } rangeText && Multinet.Shared.Ipam.AddressAllocator.TryParseRange(rangeText, out var range, out _))
        {
            errors.AddRange(config.Routes.Select((r, i) => (Error: r.Check(range), Index: i)).Where(x => x.Error is not null)
                .Select(x => new FieldViolation($"{config.RoutesField}[{x.Index}].{(x.Error!.StartsWith("gw", StringComparison.Ordinal) ? "gw" : "dst")}",
                    FieldReasons.Invalid, x.Error!)));
            errors.AddRange(Multinet.Shared.Ipam.ExcludedAddresses.Parse(config.Exclude, range, config.ExcludeField).Errors);
        }

        return errors.Count == 0 ? ValidationResult.Valid : new ValidationResult(errors, []);
    }

    private static ValidationResult Invalid(string reason, string message) => new([new(ConfigField, reason, message)], []);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
