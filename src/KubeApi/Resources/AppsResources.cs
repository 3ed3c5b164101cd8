using System.Text.Json.Nodes;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Resources;

/// <summary>
/// apps/v1 Deployments and ReplicaSets, stored and validated as kube-apiserver does for what the embedded cluster's
/// simulated controllers act on: replicas default to 1 and may not be negative, and a selector is required and must
/// match the pod template's labels. Both serve the scale subresource, so <c>kubectl scale</c> works.
/// </summary>
internal static class AppsResources
{
    public static ResourceDescriptor Deployments { get; } = Workload("deployments", "deployment", "Deployment", ["deploy"]);

    public static ResourceDescriptor ReplicaSets { get; } = Workload("replicasets", "replicaset", "ReplicaSet", ["rs"]);

    private static ResourceDescriptor Workload(string plural, string singular, string kind, IReadOnlyList<string> shortNames) => new()
    {
        Group = "apps",
        Version = "v1",
        Plural = plural,
        Singular = singular,
        Kind = kind,
        Namespaced = true,
        HasStatusSubresource = true,
        HasScaleSubresource = true,
        ShortNames = shortNames,
        OnCreate = static workload =>
        {
            if (workload["spec"] is JsonObject spec && spec["replicas"] is null)
            {
                spec["replicas"] = 1;
            }
        },
        Validate = static (candidate, _) => Validate(candidate),
        Columns =
        [
            new("Desired", "spec.replicas", "integer"),
            new("Ready", "status.readyReplicas", "integer"),
            new("Available", "status.availableReplicas", "integer"),
        ],
    };

    private static ValidationResult Validate(JsonObject candidate)
    {
        var errors = new List<FieldViolation>();
        var spec = candidate["spec"] as JsonObject;
        if (spec?["replicas"] is JsonValue replicas && (!replicas.TryGetValue<int>(out var count) || count < 0))
        {
            errors.Add(new("spec.replicas", FieldReasons.Invalid, $"Invalid value: {replicas.ToJsonString()}: must be greater than or equal to 0"));
        }

        var matchLabels = spec?["selector"]?["matchLabels"] as JsonObject;
        if (matchLabels is null || matchLabels.Count == 0)
        {
            errors.Add(new("spec.selector", FieldReasons.Required, "Required value: a selector such as matchLabels: {app: web}"));
        }
        else
        {
            var labels = spec?["template"]?["metadata"]?["labels"] as JsonObject;
            var mismatch = matchLabels.Any(l => labels?[l.Key] is not JsonValue v || !v.TryGetValue<string>(out var value)
                || value != l.Value?.GetValue<string>());
            if (mismatch)
            {
                errors.Add(new("spec.template.metadata.labels", FieldReasons.Invalid,
                    $"Invalid value: {labels?.ToJsonString() ?? "null"}: `selector` does not match template `labels`"));
            }
        }

        return errors.Count == 0 ? ValidationResult.Valid : new ValidationResult(errors, []);
    }
}
