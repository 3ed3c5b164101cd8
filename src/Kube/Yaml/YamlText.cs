using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Multinet.Kube.Yaml;

/// <summary>
/// YAML as kubectl reads and writes it: any number of <c>---</c>-separated documents, each an object, with YAML 1.2
/// core-schema scalars (so <c>vni: 56</c> is a number and <c>"56"</c> a string), converted to and from JSON objects.
/// </summary>
public static class YamlText
{
    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .WithIndentedSequences()
        .DisableAliases()
        .Build();

    /// <summary>Every non-empty document, in order. Throws <see cref="YamlTextException"/> naming the line.</summary>
    public static IReadOnlyList<JsonObject> ParseDocuments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            throw new YamlTextException($"line {ex.Start.Line}, column {ex.Start.Column}: {Describe(ex)}", (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner refuses some malformed plain scalars, and its loader some malformed nodes (an
            // ArgumentException naming its parser), this way rather than with a YamlException.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlTextException($"line {at.Line}, column {at.Column}: not valid YAML after this point.", (int)at.Line, (int)at.Column);
        }

        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document between separators
            }

            if (Convert(document.RootNode) is not JsonObject obj)
            {
                throw new YamlTextException($"line {document.RootNode.Start.Line}: a document must be an object (a mapping), not a {Describe(document.RootNode)}.",
                    (int)document.RootNode.Start.Line, (int)document.RootNode.Start.Column);
            }

            documents.Add(obj);
        }

        return documents;
    }

    /// <summary>One document as YAML.</summary>
    public static string ToYaml(JsonNode? node) => s_serializer.Serialize(ToPlain(node));

    /// <summary>Several documents joined with <c>---</c>, as one applyable file.</summary>
    public static string ToYaml(IEnumerable<JsonNode?> documents) => string.Join("---\n", documents.Select(ToYaml));

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value.ToJsonString()),
            _ => null,
        },
        _ => null,
    };

    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? integer
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlTextException($"line {node.Start.Line}: aliases and anchors are not supported.", (int)node.Start.Line, (int)node.Start.Column),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new YamlTextException($"line {key.Start.Line}: a key must be a plain string.", (int)key.Start.Line, (int)key.Start.Column);
            }

            if (obj.ContainsKey(name))
            {
                throw new YamlTextException($"line {key.Start.Line}: key \"{name}\" appears twice.", (int)key.Start.Line, (int)key.Start.Column);
            }

            obj[name] = Convert(value);
        }

        return obj;
    }

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
            // A number beyond a double's range (1e400) is no JSON number: it stays text, and the schema says what it should be.
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && value.Any(char.IsDigit) => number,
            _ => value,
        };
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlScalarNode => "plain value",
        _ => "value",
    };

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        return at >= 0 ? message[(at + 3)..] : message;
    }
}
