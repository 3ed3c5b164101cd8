using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>A VirtualMachine's status: whether its VMI exists and is ready, the status kubectl prints and pending state change requests.</summary>
public sealed class VirtualMachineStatus
{
    [JsonPropertyName("printableStatus")]
    public string? PrintableStatus { get; set; }

    [JsonPropertyName("created")]
    public bool? Created { get; set; }

    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }

    /// <summary>Start and stop requests of the subresources, waiting for the virt-controller.</summary>
    [JsonPropertyName("stateChangeRequests")]
    public IList<VmStateChangeRequest>? StateChangeRequests { get; set; }
}
