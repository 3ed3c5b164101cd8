using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A list of VirtualMachineInstances, as the API returns it.</summary>
public sealed class V1VirtualMachineInstanceList : IKubernetesObject<V1ListMeta>, IItems<V1VirtualMachineInstance>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeVirtConstants.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeVirtConstants.VmiKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1VirtualMachineInstance> Items { get; set; } = [];
}
