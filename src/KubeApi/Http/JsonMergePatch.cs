using System.Text.Json.Nodes;

namespace Multinet.KubeApi.Http;

/// <summary>RFC 7386 JSON Merge Patch: objects merge recursively, null removes, anything else replaces.</summary>
internal static class JsonMergePatch
{
    /// <summary>Returns a new node: <paramref name="target"/> with <paramref name="patch"/> applied (neither is modified).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }
}
