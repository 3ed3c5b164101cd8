using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A Multus NetworkAttachmentDefinition (k8s.cni.cncf.io/v1): how to attach a pod to a network.</summary>
[KubernetesEntity(Group = CniConstants.NadGroup, ApiVersion = CniConstants.NadVersion, Kind = CniConstants.NadKind, PluralName = CniConstants.NadPlural)]
public sealed class V1NetworkAttachmentDefinition : IKubernetesObject<V1ObjectMeta>, ISpec<NetworkAttachmentDefinitionSpec>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = CniConstants.NadGroup + "/" + CniConstants.NadVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = CniConstants.NadKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public NetworkAttachmentDefinitionSpec Spec { get; set; } = new();
}

/// <summary>The NAD's spec: a CNI configuration as a JSON string.</summary>
public sealed class NetworkAttachmentDefinitionSpec
{
    [JsonPropertyName("config")]
    public string? Config { get; set; }
}
