using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>
/// The parts of a Calico policy spec the product reads. Fields whose type varies in the wild (protocol, ports)
/// are kept as raw JSON and read leniently.
/// </summary>
public sealed class CalicoPolicySpec
{
    [JsonPropertyName("selector")]
    public string? Selector { get; set; }

    [JsonPropertyName("order")]
    public double? Order { get; set; }

    [JsonPropertyName("types")]
    public IList<string>? Types { get; set; }

    [JsonPropertyName("ingress")]
    public IList<CalicoPolicyRule>? Ingress { get; set; }

    [JsonPropertyName("egress")]
    public IList<CalicoPolicyRule>? Egress { get; set; }
}

/// <summary>One ingress or egress rule; <see cref="Metadata"/> carries the network annotation that scopes it.</summary>
public sealed class CalicoPolicyRule
{
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    /// <summary>A name such as "TCP" or a protocol number.</summary>
    [JsonPropertyName("protocol")]
    public JsonElement? Protocol { get; set; }

    [JsonPropertyName("source")]
    public CalicoEntityRule? Source { get; set; }

    [JsonPropertyName("destination")]
    public CalicoEntityRule? Destination { get; set; }

    [JsonPropertyName("metadata")]
    public CalicoRuleMetadata? Metadata { get; set; }
}

/// <summary>The source or destination of a rule.</summary>
public sealed class CalicoEntityRule
{
    [JsonPropertyName("nets")]
    public IList<string>? Nets { get; set; }

    [JsonPropertyName("selector")]
    public string? Selector { get; set; }

    /// <summary>Numbers, "from:to" ranges or named ports.</summary>
    [JsonPropertyName("ports")]
    public IList<JsonElement>? Ports { get; set; }
}

/// <summary>A rule's own metadata.</summary>
public sealed class CalicoRuleMetadata
{
    [JsonPropertyName("annotations")]
    public IDictionary<string, string>? Annotations { get; set; }
}
