using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A list of Calico NetworkPolicies, as the API returns it.</summary>
public sealed class CalicoNetworkPolicyList : IKubernetesObject<V1ListMeta>, IItems<CalicoNetworkPolicy>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = CniConstants.PolicyGroup + "/" + CniConstants.PolicyVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = CniConstants.PolicyKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<CalicoNetworkPolicy> Items { get; set; } = [];
}
