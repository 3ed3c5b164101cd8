using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Http;

/// <summary>
/// The <c>scale</c> subresource of Deployments and ReplicaSets, as kube-apiserver serves it: an autoscaling/v1 Scale
/// whose <c>spec.replicas</c> is the workload's, so <c>kubectl scale</c> works. Only <c>spec.replicas</c> can be changed
/// through it; a <c>resourceVersion</c> in the Scale is the workload's, and a stale one is a conflict.
/// </summary>
internal static class ScaleSubresource
{
    public const string Name = "scale";

    /// <summary>The Scale of a stored workload.</summary>
    public static JsonObject Of(JsonObject workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var metadata = workload["metadata"] as JsonObject;
        var matchLabels = workload["spec"]?["selector"]?["matchLabels"] as JsonObject;
        var selector = matchLabels is null ? "" : string.Join(',', matchLabels.Select(l => $"{l.Key}={(string?)l.Value}"));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata?["name"]?.DeepClone(),
                ["namespace"] = metadata?["namespace"]?.DeepClone(),
                ["uid"] = metadata?["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata?["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata?["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = workload["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = workload["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = selector,
            },
        };
    }

    /// <summary>The workload with the replicas (and the resourceVersion precondition) of a changed Scale.</summary>
    public static JsonObject Apply(JsonObject workload, JsonObject scale)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(scale);
        if (scale["kind"] is JsonValue kind && (string?)kind is { } k && k != "Scale")
        {
            throw KubeStatus.BadRequest($"the body of a scale request must be a Scale, not {k}");
        }

        if (workload["spec"] is not JsonObject spec)
        {
            spec = [];
            workload["spec"] = spec;
        }

        spec["replicas"] = scale["spec"]?["replicas"]?.DeepClone();
        if (scale["metadata"]?["resourceVersion"] is JsonValue version && workload["metadata"] is JsonObject metadata)
        {
            metadata["resourceVersion"] = version.DeepClone();
        }

        return workload;
    }
}
