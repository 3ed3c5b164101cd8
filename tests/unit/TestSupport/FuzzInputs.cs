using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// Generated inputs for the parsers that take user input: text that mixes the pieces those parsers look for (names,
/// addresses, ranges, separators, JSON and YAML punctuation) with arbitrary characters, and JSON documents built from
/// a vocabulary of the fields they read, with values of every JSON type. <see cref="Cases"/> is how many inputs each
/// property gets: 1,000 in CI, <c>MULTINET_FUZZ_CASES</c> for longer runs (bench/fuzz.sh).
/// </summary>
internal static class FuzzInputs
{
    public static long Cases { get; } =
        long.TryParse(Environment.GetEnvironmentVariable("MULTINET_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1_000;

    /// <summary>The seed of a failing run is printed by CsCheck; <c>MULTINET_FUZZ_SEED</c> replays it.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("MULTINET_FUZZ_SEED");

    private static readonly string[] s_pieces =
    [
        "", " ", "net-a", "blue", "default", "kube-system", "x", "-", ".", "/", "@", ",", ":", "::", "[", "]", "{", "}", "\"", "'", "\n", "\t", "#",
        "eth1", "memif-eth2", "net1", "a-very-long-interface-name", "10.0.0.1", "10.0.0.0/16", "fd00::1", "fd00::/64", "300.1.1.1", "10.0.0.0/33",
        "0.0.0.0/0", "02:00:00:00:00:01", "zz:zz", "0", "-1", "4294967296", "16777216", "1e400", "null", "true", "NaN", "é", "\u0000", "\uFFFF",
        "\ud800", "🙂", "calico", "whereabouts", "host-local", "plugins", "type", "ipam", "range", "dataplane_options", "network_name", "name",
        "namespace", "interface", "ips", "mac", "spec", "metadata", "vni", "---", "- ", "key: value", "&a", "*a", "!!binary", "%YAML 1.2",
    ];

    /// <summary>The field names the parsers read, and some they do not.</summary>
    private static readonly string[] s_keys =
    [
        "apiVersion", "kind", "metadata", "name", "namespace", "annotations", "labels", "resourceVersion", "uid", "generation", "spec", "status",
        "vni", "range", "physicalNetworkName", "config", "cniVersion", "type", "plugins", "ipam", "dataplane_options", "network_name", "interface",
        "ips", "mac", "routes", "subnet", "gateway", "finalizers", "managedFields", "unknown", "", "spec.vni", "$ref",
    ];

    /// <summary>Text made of the pieces above and arbitrary characters.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (3, Gen.OneOf(s_pieces).Array[0, 12].Select(parts => string.Concat(parts))),
        (1, Gen.String),
        (1, Gen.Char.Array[0, 40].Select(chars => new string(chars))));

    /// <summary>A JSON value of any type, nested up to <paramref name="depth"/> levels, its object keys taken from the parsers' vocabulary.</summary>
    public static Gen<JsonNode?> Json(int depth)
    {
        var leaf = Gen.Frequency(
            (4, Text.Select(s => (JsonNode?)JsonValue.Create(WellFormed(s)))),
            (2, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
            (1, Gen.Int[-2, 70000].Select(i => (JsonNode?)JsonValue.Create(i))),
            (1, Gen.Double.Select(d => (JsonNode?)(double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(0.5)))),
            (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Const<JsonNode?>((JsonNode?)null)));
        if (depth == 0)
        {
            return leaf;
        }

        var inner = Json(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (2, Object(inner)),
            (1, inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()))));
    }

    /// <summary>The text with lone surrogates replaced: what a JSON or YAML document on the wire can hold.</summary>
    public static string WellFormed(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < source.Length && char.IsLowSurrogate(source[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(source[i - 1]));
            span[i] = paired ? c : '?';
        }
    });

    /// <summary>A JSON object with keys from the vocabulary (or any text) and values from <paramref name="values"/>.</summary>
    public static Gen<JsonNode?> Object(Gen<JsonNode?> values) =>
        Gen.Select(Gen.Frequency((4, Gen.OneOf(s_keys)), (1, Text.Select(WellFormed))), values).Array[0, 6].Select(fields =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in fields)
            {
                obj[key] = value?.DeepClone();
            }

            return (JsonNode?)obj;
        });
}
