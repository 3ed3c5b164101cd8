using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>A VMI's status as the virt-controller and virt-handler write it: phase, node and the guest's interfaces.</summary>
public sealed class VirtualMachineInstanceStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("nodeName")]
    public string? NodeName { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("interfaces")]
    public IList<VmiInterfaceStatus>? Interfaces { get; set; }
}

/// <summary>One guest interface as reported: its network name, guest name, addresses, MAC and where that was learnt.</summary>
public sealed class VmiInterfaceStatus
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("interfaceName")]
    public string? InterfaceName { get; set; }

    [JsonPropertyName("ipAddress")]
    public string? IpAddress { get; set; }

    [JsonPropertyName("ipAddresses")]
    public IList<string>? IpAddresses { get; set; }

    [JsonPropertyName("mac")]
    public string? Mac { get; set; }

    [JsonPropertyName("infoSource")]
    public string? InfoSource { get; set; }

    [JsonPropertyName("podInterfaceName")]
    public string? PodInterfaceName { get; set; }
}
