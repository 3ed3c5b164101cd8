using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A list of Networks, as the API returns it.</summary>
public sealed class V3NetworkList : IKubernetesObject<V1ListMeta>, IItems<V3Network>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = CrdConstants.NetworkApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = CrdConstants.NetworkKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V3Network> Items { get; set; } = [];
}
