using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A projectcalico.org/v3 Network: one isolated pod network.</summary>
[KubernetesEntity(Group = CrdConstants.NetworkGroup, ApiVersion = CrdConstants.NetworkVersion,
    Kind = CrdConstants.NetworkKind, PluralName = CrdConstants.NetworkPlural)]
public sealed class V3Network : IKubernetesObject<V1ObjectMeta>, ISpec<NetworkSpec>, IStatus<NetworkStatus?>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = CrdConstants.NetworkApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = CrdConstants.NetworkKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public NetworkSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public NetworkStatus? Status { get; set; }

    /// <summary>Creates a Network with the given name and spec.</summary>
    public static V3Network Create(string name, long? vni, string? range, string? physicalNetworkName = "") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new NetworkSpec { Vni = vni, Range = range, PhysicalNetworkName = physicalNetworkName },
    };
}
