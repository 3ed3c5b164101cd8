using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// Generated inputs for the parsers that take user input: text that mixes the pieces those parsers look for (names,
/// addresses, ranges, separators, JSON and YAML punctuation) with arbitrary characters, and JSON documents built from
/// a vocabulary of the fields they read, with values of every JSON type. <see cref="Fuzz{T}"/> runs a property: in CI on
/// a fixed set of <see cref="CiCases"/> seeds, the same inputs every run (a failure names its seed and replays);
/// <c>MULTINET_FUZZ_CASES</c> (bench/fuzz.sh) runs that many random inputs instead, and <c>MULTINET_FUZZ_SEED</c> replays one.
/// </summary>
internal static class FuzzInputs
{
    /// <summary>How many fixed seeds each property runs in CI.</summary>
    public const int CiCases = 1_000;

    /// <summary>Random inputs per property for a long run, or null in CI.</summary>
    public static long? RandomCases { get; } =
        long.TryParse(Environment.GetEnvironmentVariable("MULTINET_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>The seed of a failing case, as CsCheck prints it; <c>MULTINET_FUZZ_SEED</c> replays it alone.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("MULTINET_FUZZ_SEED");

    /// <summary>The CI's seeds: fixed, so every CI run checks the same inputs and a failure is the same on a developer's machine.</summary>
    private static readonly string[] s_ciSeeds = [.. Enumerable.Range(0, CiCases).Select(i => new PCG(1, 20_261_205UL + (ulong)i).ToString())];

    /// <summary>Checks <paramref name="assert"/> on the inputs of this run (see the class summary).</summary>
    public static void Fuzz<T>(this Gen<T> gen, Action<T> assert, int threads = -1)
    {
        ArgumentNullException.ThrowIfNull(gen);
        if (Seed is { } seed)
        {
            gen.Sample(assert, seed: seed, iter: 1, threads: 1);
        }
        else if (RandomCases is { } cases)
        {
            gen.Sample(assert, iter: cases, threads: threads);
        }
        else
        {
            foreach (var fixedSeed in s_ciSeeds)
            {
                gen.Sample(assert, seed: fixedSeed, iter: 1, threads: 1);
            }
        }
    }

    /// <summary>As <see cref="Fuzz{T}"/> for a property over three generated values.</summary>
    public static void Fuzz<T1, T2, T3>(this Gen<(T1, T2, T3)> gen, Action<T1, T2, T3> assert, int threads = -1) =>
        gen.Fuzz(t => assert(t.Item1, t.Item2, t.Item3), threads);

    /// <summary>As <see cref="Fuzz{T}"/> for an asynchronous property.</summary>
    public static async Task FuzzAsync<T>(this Gen<T> gen, Func<T, Task> assert, int threads = -1)
    {
        ArgumentNullException.ThrowIfNull(gen);
        if (Seed is { } seed)
        {
            await gen.SampleAsync(assert, seed: seed, iter: 1, threads: 1);
        }
        else if (RandomCases is { } cases)
        {
            await gen.SampleAsync(assert, iter: cases, threads: threads);
        }
        else
        {
            foreach (var fixedSeed in s_ciSeeds)
            {
                await gen.SampleAsync(assert, seed: fixedSeed, iter: 1, threads: 1);
            }
        }
    }

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
