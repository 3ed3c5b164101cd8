using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A Calico NetworkPolicy as stored (crd.projectcalico.org/v1, namespaced).</summary>
[KubernetesEntity(Group = CniConstants.PolicyGroup, ApiVersion = CniConstants.PolicyVersion, Kind = CniConstants.PolicyKind, PluralName = CniConstants.PolicyPlural)]
public sealed class CalicoNetworkPolicy : IKubernetesObject<V1ObjectMeta>, ISpec<CalicoPolicySpec>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = CniConstants.PolicyGroup + "/" + CniConstants.PolicyVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = CniConstants.PolicyKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public CalicoPolicySpec Spec { get; set; } = new();
}
