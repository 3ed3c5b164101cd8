using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A list of VirtualMachines, as the API returns it.</summary>
public sealed class V1VirtualMachineList : IKubernetesObject<V1ListMeta>, IItems<V1VirtualMachine>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeVirtConstants.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeVirtConstants.VmKind + "List";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1VirtualMachine> Items { get; set; } = [];
}
