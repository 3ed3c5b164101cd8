using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;
using Multinet.Shared.Validation;

namespace Multinet.KubeApi.Http;

/// <summary>Builds the Status objects and errors kube-apiserver returns, with the same reasons, codes and wording.</summary>
internal static class KubeStatus
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static KubeApiException NotFound(ResourceDescriptor resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedResource} \"{name}\" not found", Details(resource, name));

    public static KubeApiException AlreadyExists(ResourceDescriptor resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedResource} \"{name}\" already exists", Details(resource, name));

    public static KubeApiException Conflict(ResourceDescriptor resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": {why}", Details(resource, name));

    public static KubeApiException Forbidden(ResourceDescriptor resource, string name, string why) =>
        new(403, "Forbidden", $"{resource.QualifiedResource} \"{name}\" is forbidden: {why}", Details(resource, name));

    public static KubeApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static KubeApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got \"{contentType}\")");

    public static KubeApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static KubeApiException Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    /// <summary>422 Invalid with one cause per violation, as kube-apiserver reports schema and admission failures.</summary>
    public static KubeApiException Invalid(ResourceDescriptor resource, string? name, IReadOnlyList<FieldViolation> errors)
    {
        var details = new JsonObject
        {
            ["name"] = name ?? "",
            ["group"] = resource.Group,
            ["kind"] = resource.Kind,
            ["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
            {
                ["reason"] = e.Reason,
                ["message"] = e.Message,
                ["field"] = e.Field,
            }).ToArray()),
        };
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return new(422, "Invalid", $"{resource.QualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    private static JsonObject Details(ResourceDescriptor resource, string name) => new()
    {
        ["name"] = name,
        ["group"] = resource.Group,
        ["kind"] = resource.Plural,
    };
}
