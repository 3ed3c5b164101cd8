using System.Text.Json.Nodes;
using Multinet.KubeApi.Resources;

namespace Multinet.KubeApi.Http;

internal sealed partial class ResourceWriteHandler
{
    private static void KeepServerMetadata(JsonObject current, JsonObject candidate)
    {
        var metadata = KubeHttp.Metadata(candidate);
        foreach (var field in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "namespace", "name" })
        {
            var value = current["metadata"]?[field]?.DeepClone();
            if (value is null)
            {
                metadata.Remove(field);
            }
            else
            {
                metadata[field] = value;
            }
        }
    }

    /// <summary>Copies status from one object to another; an absent status stays absent (not null).</summary>
    private static void CopyStatus(JsonObject from, JsonObject to)
    {
        if (from["status"] is { } status)
        {
            to["status"] = status.DeepClone();
        }
        else
        {
            to.Remove("status");
        }
    }

    /// <summary>metadata.generation counts spec changes: anything but metadata and status.</summary>
    private static void BumpGeneration(JsonObject current, JsonObject candidate)
    {
        if (!JsonNode.DeepEquals(WithoutMetadataAndStatus(current), WithoutMetadataAndStatus(candidate)))
        {
            candidate["metadata"]!["generation"] = (current["metadata"]?["generation"]?.GetValue<long>() ?? 0) + 1;
        }
    }

    /// <summary>Clients do not write managedFields; the server keeps them and records each write's manager.</summary>
    private static void KeepManagedFields(JsonObject current, JsonObject candidate)
    {
        var metadata = KubeHttp.Metadata(candidate);
        if (current["metadata"]?["managedFields"] is { } managed)
        {
            metadata["managedFields"] = managed.DeepClone();
        }
        else
        {
            metadata.Remove("managedFields");
        }
    }

    private static JsonObject WithoutMetadataAndStatus(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private static void CheckPreconditions(ResourceDescriptor resource, string name, JsonObject current, JsonNode? preconditions)
    {
        if (preconditions?["uid"]?.GetValue<string>() is { Length: > 0 } uid && uid != KubeHttp.MetadataString(current, "uid"))
        {
            throw KubeStatus.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {KubeHttp.MetadataString(current, "uid")}");
        }

        if (preconditions?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv && rv != KubeHttp.MetadataString(current, "resourceVersion"))
        {
            throw KubeStatus.Conflict(resource, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {KubeHttp.MetadataString(current, "resourceVersion")}");
        }
    }

    private static void CheckTypeMeta(ResourceDescriptor resource, JsonObject body)
    {
        var apiVersion = body["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var a) ? a : null;
        var kind = body["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : null;
        if ((apiVersion is not null && apiVersion != resource.ApiVersion) || (kind is not null && kind != resource.Kind))
        {
            throw KubeStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({resource.ApiVersion}) or the kind ({kind}) is not {resource.Kind}");
        }

        if (body["metadata"] is { } metadata && metadata is not JsonObject)
        {
            throw KubeStatus.BadRequest($"metadata must be an object, not {metadata.GetValueKind().ToString().ToLowerInvariant()}");
        }

        body["apiVersion"] = resource.ApiVersion;
        body["kind"] = resource.Kind;
    }
}
