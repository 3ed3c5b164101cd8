using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A KubeVirt VirtualMachine (kubevirt.io/v1): its run strategy decides whether its VirtualMachineInstance exists.</summary>
[KubernetesEntity(Group = KubeVirtConstants.Group, ApiVersion = KubeVirtConstants.Version, Kind = KubeVirtConstants.VmKind, PluralName = KubeVirtConstants.VmPlural)]
public sealed class V1VirtualMachine : IKubernetesObject<V1ObjectMeta>, ISpec<VirtualMachineSpec>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeVirtConstants.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeVirtConstants.VmKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public VirtualMachineSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public VirtualMachineStatus? Status { get; set; }
}
