using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A list of NetworkAttachmentDefinitions, as the API returns it.</summary>
public sealed class V1NetworkAttachmentDefinitionList : IKubernetesObject<V1ListMeta>, IItems<V1NetworkAttachmentDefinition>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = CniConstants.NadGroup + "/" + CniConstants.NadVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = CniConstants.NadKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1NetworkAttachmentDefinition> Items { get; set; } = [];
}
