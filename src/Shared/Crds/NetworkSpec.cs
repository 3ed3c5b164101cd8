using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>The desired shape of a Network, as an admin writes it.</summary>
public sealed class NetworkSpec
{
    /// <summary>VXLAN Virtual Network Identifier carried between nodes.</summary>
    [JsonPropertyName("vni")]
    public long? Vni { get; set; }

    /// <summary>CIDR the network's pod addresses come from.</summary>
    [JsonPropertyName("range")]
    public string? Range { get; set; }

    /// <summary>Uplink that carries the network; empty for the default one.</summary>
    [JsonPropertyName("physicalNetworkName")]
    public string? PhysicalNetworkName { get; set; }
}
