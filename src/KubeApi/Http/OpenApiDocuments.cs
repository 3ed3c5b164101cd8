using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Http;

/// <summary>
/// A minimal OpenAPI v3 surface: the /openapi/v3 index and one document per group version that declares, for each
/// kind, a PATCH operation tagged with its group-version-kind and the <c>fieldValidation</c> query parameter.
/// That is what kubectl's field-validation check looks for; finding it, <c>kubectl apply</c> leaves validation to
/// the server (our validators) instead of downloading /openapi/v2. Merge patch is the only patch type offered, so
/// kubectl patches custom kinds with JSON merge patch.
/// </summary>
internal static class OpenApiDocuments
{
    public const string V2ProtobufMediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>
    /// /openapi/v2 as kubectl 1.27 and 1.28 fetch it (protobuf only): a document with no definitions. Finding no schema
    /// for a kind, kubectl skips client-side validation of it and patches it with JSON merge patch.
    /// </summary>
    public static byte[] EmptyV2Document { get; } = BuildEmptyV2Document();

    public static JsonObject Index(ResourceRegistry registry, string pathBase) => new()
    {
        ["paths"] = new JsonObject(registry.GroupVersions().Select(gv =>
        {
            var path = gv.Group.Length == 0 ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}";
            return KeyValuePair.Create(path, (JsonNode?)new JsonObject { ["serverRelativeURL"] = $"{pathBase}/openapi/v3/{path}" });
        })),
    };

    /// <summary>The document of one group version ("api/v1" or "apis/group/version"), or null when it is not served.</summary>
    public static JsonObject? GroupVersion(ResourceRegistry registry, string groupVersionPath)
    {
        var resources = registry.All.Where(r => r.GroupVersionPath == groupVersionPath).ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var resource in resources)
        {
            var prefix = $"/{resource.GroupVersionPath}/{(resource.Namespaced ? "namespaces/{namespace}/" : "")}{resource.Plural}";
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(resource, "get", null),
                ["put"] = Operation(resource, "put", "application/json"),
                ["patch"] = Operation(resource, "patch", ResourceWriteHandler.MergePatchMediaType),
                ["delete"] = Operation(resource, "delete", null),
            };
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation(resource, "list", null),
                ["post"] = Operation(resource, "post", "application/json"),
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Multinet embedded Kubernetes API", ["version"] = "v1.33.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static byte[] BuildEmptyV2Document()
    {
        // openapi_v2.Document { swagger = "2.0" (field 1); info = Info { title (1), version (2) } (field 2) }.
        static byte[] Field(int number, byte[] value) => [(byte)((number << 3) | 2), (byte)value.Length, .. value];
        var ascii = System.Text.Encoding.ASCII;
        var info = Field(1, ascii.GetBytes("Multinet embedded Kubernetes API")).Concat(Field(2, ascii.GetBytes("v1.33.0"))).ToArray();
        return [.. Field(1, ascii.GetBytes("2.0")), .. Field(2, info)];
    }

    private static JsonObject Operation(ResourceDescriptor resource, string action, string? bodyType)
    {
        var operation = new JsonObject
        {
            ["operationId"] = $"{action}{resource.Kind}",
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject
            {
                ["group"] = resource.Group,
                ["version"] = resource.Version,
                ["kind"] = resource.Kind,
            },
            ["parameters"] = new JsonArray(
                Parameter("dryRun"),
                Parameter("fieldManager"),
                Parameter("fieldValidation")),
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        };
        if (bodyType is not null)
        {
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { [bodyType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                ["required"] = true,
            };
        }

        return operation;
    }

    private static JsonObject Parameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
