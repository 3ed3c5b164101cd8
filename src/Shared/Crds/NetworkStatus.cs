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

    /// <summary>"nodesReady/nodesTotal", the Ready column of <c>kubectl get networks</c>.</summary>
    [JsonPropertyName("ready")]
    public string? Ready { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }

    /// <summary>The nodes whose agent failed to apply this Network, with the error each reported.</summary>
    [JsonPropertyName("nodeErrors")]
    public IList<NetworkNodeError>? NodeErrors { get; set; }
}

/// <summary>One node's failure to apply a Network.</summary>
public sealed class NetworkNodeError
{
    [JsonPropertyName("node")]
    public string Node { get; set; } = "";

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
