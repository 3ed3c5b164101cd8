using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>A VirtualMachine's status: whether its VMI exists and is ready, and the status kubectl prints.</summary>
public sealed class VirtualMachineStatus
{
    [JsonPropertyName("printableStatus")]
    public string? PrintableStatus { get; set; }

    [JsonPropertyName("created")]
    public bool? Created { get; set; }

    [JsonPropertyName("ready")]
    public bool? Ready { get; set; }
}
