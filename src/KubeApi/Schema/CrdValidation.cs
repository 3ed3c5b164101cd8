using System.Text.Json.Nodes;
using Multinet.Shared.Validation;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Schema;

/// <summary>Ties a served kind to its CRD file: the schema is enforced before the kind's own admission rules, and the printer columns come from it.</summary>
internal static class CrdValidation
{
    /// <summary>Validates against the CRD of <paramref name="plural"/>.<paramref name="group"/> (pruning unknown fields), then, when it holds, with <paramref name="admission"/>.</summary>
    public static ResourceValidator Then(string group, string plural, ResourceValidator admission)
    {
        var schema = (CrdManifests.Find(group, plural) ?? throw new InvalidOperationException($"No embedded CRD defines {plural}.{group}.")).Schema;
        return (candidate, existing) =>
        {
            var pruned = new List<string>();
            var errors = schema.ValidateAndPrune(candidate, pruned);
            var admitted = admission(candidate, existing);
            if (errors.Count > 0)
            {
                // As kube-apiserver: the object's metadata is checked together with the schema, admission only after both hold.
                return new ValidationResult([.. admitted.Errors.Where(e => e.Field.StartsWith("metadata.", StringComparison.Ordinal)), .. errors], []);
            }

            // kube-apiserver's default field validation (Warn): an unknown field is dropped with a warning.
            var unknown = pruned.Select(p => new FieldViolation(p, FieldReasons.Invalid, "unknown field, dropped"));
            return pruned.Count == 0 ? admitted : admitted with { Warnings = [.. admitted.Warnings, .. unknown] };
        };
    }

    /// <summary>The CRD's additionalPrinterColumns but Age, which the table adds itself.</summary>
    public static IReadOnlyList<PrinterColumn> Columns(string group, string plural)
    {
        var version = (CrdManifests.Find(group, plural)?.Definition["spec"]?["versions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"]?.GetValue<bool>() == true);
        return [.. (version?["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => new PrinterColumn(c["name"]!.GetValue<string>(), c["jsonPath"]!.GetValue<string>().TrimStart('.'), c["type"]!.GetValue<string>()))
            .Where(c => c.Path != "metadata.creationTimestamp")];
    }
}
