using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>One entry of a VMI's <c>spec.networks</c>: the pod network (<c>pod: {}</c>) or a Multus NAD (<c>multus: {networkName}</c>).</summary>
public sealed class VmNetwork
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("pod")]
    public VmPodNetwork? Pod { get; set; }

    [JsonPropertyName("multus")]
    public VmMultusNetwork? Multus { get; set; }
}

/// <summary>The pod network, optionally with the CIDR masquerade uses inside the guest.</summary>
public sealed class VmPodNetwork
{
    [JsonPropertyName("vmNetworkCIDR")]
    public string? VmNetworkCidr { get; set; }
}

/// <summary>A secondary network through Multus: <c>networkName</c> is a NAD, <c>name</c> or <c>namespace/name</c>.</summary>
public sealed class VmMultusNetwork
{
    [JsonPropertyName("networkName")]
    public string? NetworkName { get; set; }

    [JsonPropertyName("default")]
    public bool? Default { get; set; }
}
