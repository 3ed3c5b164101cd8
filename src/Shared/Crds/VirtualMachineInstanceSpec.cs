using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>The networking half of a VMI's spec: its networks and the domain's interfaces that connect to them by name.</summary>
public sealed class VirtualMachineInstanceSpec
{
    [JsonPropertyName("networks")]
    public IList<VmNetwork>? Networks { get; set; }

    [JsonPropertyName("domain")]
    public VmDomain? Domain { get; set; }
}
