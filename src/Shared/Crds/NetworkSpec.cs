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

    /// <summary>
    /// Addresses of <see cref="Range"/> never handed out, as Kube-OVN's excludeIps: single addresses and
    /// inclusive <c>a..b</c> ranges (a CIDR inside the range is accepted too).
    /// </summary>
    [JsonPropertyName("excludeIps")]
    public IList<string>? ExcludeIps { get; set; }
}
