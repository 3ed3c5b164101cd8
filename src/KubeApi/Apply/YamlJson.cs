using System.Text.Json.Nodes;
using Multinet.Kube.Yaml;
using Multinet.KubeApi.Http;

namespace Multinet.KubeApi.Apply;

/// <summary>Reads an apply body: JSON as it is, otherwise one YAML document with YAML 1.2 core-schema scalars.</summary>
internal static class YamlJson
{
    public static JsonObject ParseObject(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return KubeHttp.ParseJson(text) as JsonObject ?? throw KubeStatus.BadRequest("the body of the request must be an object");
        }

        try
        {
            var documents = YamlText.ParseDocuments(text);
            return documents.Count == 1 ? documents[0] : throw KubeStatus.BadRequest("the body of the request must be one YAML object");
        }
        catch (YamlTextException ex)
        {
            throw KubeStatus.BadRequest($"error converting YAML to JSON: yaml: {ex.Message}");
        }
    }
}
