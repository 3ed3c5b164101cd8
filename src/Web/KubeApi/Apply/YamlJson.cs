using System.Globalization;
using System.Text.Json.Nodes;
using Multinet.Web.KubeApi.Http;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Multinet.Web.KubeApi.Apply;

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
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 1 && Convert(stream.Documents[0].RootNode) is JsonObject obj
                ? obj
                : throw KubeStatus.BadRequest("the body of the request must be one YAML object");
        }
        catch (YamlException ex)
        {
            throw KubeStatus.BadRequest($"error converting YAML to JSON: yaml: line {ex.Start.Line}: {ex.Message}");
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw KubeStatus.BadRequest("unsupported YAML node"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return value;
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => integer,
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && value.Any(char.IsDigit) => number,
            _ => value,
        };
    }
}
