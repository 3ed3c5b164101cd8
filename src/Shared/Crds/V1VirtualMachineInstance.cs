using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>
/// A KubeVirt VirtualMachineInstance (kubevirt.io/v1): a running virtual machine. Only the networking parts are typed;
/// the rest of its spec (domain resources, disks, volumes) is not read here.
/// </summary>
[KubernetesEntity(Group = KubeVirtConstants.Group, ApiVersion = KubeVirtConstants.Version, Kind = KubeVirtConstants.VmiKind, PluralName = KubeVirtConstants.VmiPlural)]
public sealed class V1VirtualMachineInstance : IKubernetesObject<V1ObjectMeta>, ISpec<VirtualMachineInstanceSpec>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeVirtConstants.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeVirtConstants.VmiKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public VirtualMachineInstanceSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public VirtualMachineInstanceStatus? Status { get; set; }
}
