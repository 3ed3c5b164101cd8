using System.Text.Json.Serialization;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>What the cluster reports about a Network.</summary>
public sealed class NetworkStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("nodesReady")]
    public int? NodesReady { get; set; }

    [JsonPropertyName("nodesTotal")]
    public int? NodesTotal { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
