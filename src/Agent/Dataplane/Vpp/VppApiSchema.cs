using System.Globalization;
using System.Text.Json;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// The message and type definitions read from the .api.json files VPP's build generates (embedded under
/// Definitions/). Types are resolved by their C name (<c>vl_api_prefix_t</c>), enums and enumflags become their
/// <c>enumtype</c> (u32 when absent), aliases their target (with a length: a fixed array), unions their widest member.
/// </summary>
internal sealed class VppApiSchema
{
    private static readonly Lazy<VppApiSchema> s_embedded = new(LoadEmbedded);

    private readonly Dictionary<string, VppType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VppMessageDefinition> _messages = new(StringComparer.Ordinal);

    private VppApiSchema()
    {
        foreach (var (name, scalar) in new[]
        {
            ("u8", VppScalar.U8), ("i8", VppScalar.I8), ("u16", VppScalar.U16), ("i16", VppScalar.I16),
            ("u32", VppScalar.U32), ("i32", VppScalar.I32), ("u64", VppScalar.U64), ("i64", VppScalar.I64),
            ("f64", VppScalar.F64), ("bool", VppScalar.Bool),
        })
        {
            _types[name] = VppType.ForScalar(name, scalar);
        }
    }

    /// <summary>The definitions shipped with the agent.</summary>
    public static VppApiSchema Embedded => s_embedded.Value;

    public IReadOnlyDictionary<string, VppMessageDefinition> Messages => _messages;

    /// <summary>Builds a schema from the text of .api.json files (in any order; duplicates from imports are ignored).</summary>
    public static VppApiSchema Parse(IEnumerable<string> apiJsonFiles)
    {
        ArgumentNullException.ThrowIfNull(apiJsonFiles);
        var schema = new VppApiSchema();
        var documents = apiJsonFiles.Select(text => JsonDocument.Parse(text)).ToList();
        try
        {
            var composites = new List<(VppType Type, JsonElement Definition)>();
            foreach (var root in documents.Select(d => d.RootElement))
            {
                schema.RegisterNamed(root, composites);
            }

            foreach (var alias in schema._aliases.Keys.ToList())
            {
                schema.Resolve(alias, []);
            }

            foreach (var (type, definition) in composites)
            {
                type.SetFields(schema.ParseFields(definition, skip: 1));
            }

            foreach (var message in documents.SelectMany(d => d.RootElement.GetProperty("messages").EnumerateArray()))
            {
                var name = message[0].GetString()!;
                var options = message.EnumerateArray().Last();
                var crc = uint.Parse(options.GetProperty("crc").GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                schema._messages.TryAdd(name, new VppMessageDefinition(name, crc, schema.ParseFields(message, skip: 1)));
            }

            return schema;
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    /// <summary>The definition of a message; a clear error when the agent ships none for that name.</summary>
    public VppMessageDefinition GetMessage(string name) => _messages.TryGetValue(name, out var message)
        ? message
        : throw new VppApiException($"No definition for VPP message \"{name}\" in the agent's .api.json files.");

    private void RegisterNamed(JsonElement root, List<(VppType, JsonElement)> composites)
    {
        foreach (var section in new[] { "enums", "enumflags" })
        {
            foreach (var e in root.GetProperty(section).EnumerateArray())
            {
                var options = e.EnumerateArray().Last();
                var underlying = options.TryGetProperty("enumtype", out var t) ? t.GetString()! : "u32";
                _types.TryAdd(CName(e[0].GetString()!), VppType.ForScalar(CName(e[0].GetString()!), _types[underlying].Scalar));
            }
        }

        foreach (var (section, kind) in new[] { ("types", VppTypeKind.Struct), ("unions", VppTypeKind.Union) })
        {
            foreach (var definition in root.GetProperty(section).EnumerateArray())
            {
                var name = CName(definition[0].GetString()!);
                if (_types.TryAdd(name, VppType.ForComposite(name, kind)))
                {
                    composites.Add((_types[name], definition));
                }
            }
        }

        foreach (var alias in root.GetProperty("aliases").EnumerateObject())
        {
            _aliases.TryAdd(CName(alias.Name), alias.Value.Clone());
        }
    }

    private VppType Resolve(string name, HashSet<string> resolving)
    {
        if (_types.TryGetValue(name, out var type))
        {
            return type;
        }

        if (!_aliases.TryGetValue(name, out var alias) || !resolving.Add(name))
        {
            throw new VppApiException($"Unknown or circular VPP API type \"{name}\".");
        }

        var target = Resolve(alias.GetProperty("type").GetString()!, resolving);
        type = alias.TryGetProperty("length", out var length) ? VppType.ForArray(name, target, length.GetInt32()) : target;
        _types[name] = type;
        return type;
    }

    private List<VppField> ParseFields(JsonElement definition, int skip)
    {
        var fields = new List<VppField>();
        foreach (var item in definition.EnumerateArray().Skip(skip).Where(i => i.ValueKind is JsonValueKind.Array))
        {
            var typeName = item[0].GetString()!;
            var name = item[1].GetString()!;
            int? length = null;
            string? lengthField = null;
            object? defaultValue = null;
            foreach (var extra in item.EnumerateArray().Skip(2))
            {
                switch (extra.ValueKind)
                {
                    case JsonValueKind.Number:
                        length = extra.GetInt32();
                        break;
                    case JsonValueKind.String:
                        lengthField = extra.GetString();
                        break;
                    case JsonValueKind.Object when extra.TryGetProperty("default", out var d):
                        defaultValue = ParseDefault(d);
                        break;
                    default:
                        break;
                }
            }

            var isString = typeName == "string";
            fields.Add(new VppField(name, isString ? null : Resolve(typeName, []), length ?? 0, lengthField,
                IsArray: length is not null, isString, defaultValue));
        }

        return fields;
    }

    private static object? ParseDefault(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => b,
        JsonValueKind.Number when value.TryGetInt64(out var l) => l,
        JsonValueKind.Number => value.GetDouble(),
        _ => null,
    };

    private static string CName(string name) => $"vl_api_{name}_t";

    private static VppApiSchema LoadEmbedded()
    {
        var assembly = typeof(VppApiSchema).Assembly;
        var texts = new List<string>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".api.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            texts.Add(reader.ReadToEnd());
        }

        return Parse(texts);
    }
}
