using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json;

namespace Multinet.Embedded;

/// <summary>One entry of <c>k8s.v1.cni.cncf.io/network-status</c>, with Multus' field names and order.</summary>
internal sealed record NetworkStatusEntry
{
    /// <summary>The name Multus gives the cluster network's entry (Calico's default CNI network).</summary>
    public const string DefaultNetworkName = "k8s-pod-network";

    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("interface")]
    public string? Interface { get; init; }

    [JsonPropertyName("ips")]
    public IReadOnlyList<string>? Ips { get; init; }

    [JsonPropertyName("mac")]
    public string? Mac { get; init; }

    [JsonPropertyName("default")]
    public bool? Default { get; init; }

    [JsonPropertyName("dns")]
    public JsonElement? Dns { get; init; }

    /// <summary>The annotation as Multus writes it: a JSON list indented by four spaces.</summary>
    public static string Serialize(IEnumerable<NetworkStatusEntry> entries) => JsonSerializer.Serialize(entries.ToList(), s_options);

    /// <summary>The entries of an annotation; none when it is missing or unreadable.</summary>
    public static IReadOnlyList<NetworkStatusEntry> Parse(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<NetworkStatusEntry>>(annotation, s_options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>An empty <c>dns</c> object, as Multus writes when the plugin returned no DNS settings.</summary>
    public static JsonElement EmptyDns { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
