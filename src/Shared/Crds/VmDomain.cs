using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>The part of a VMI's <c>spec.domain</c> read here: its devices' interfaces.</summary>
public sealed class VmDomain
{
    [JsonPropertyName("devices")]
    public VmDevices? Devices { get; set; }
}

/// <summary>A domain's devices; only the interfaces are typed.</summary>
public sealed class VmDevices
{
    [JsonPropertyName("interfaces")]
    public IList<VmInterface>? Interfaces { get; set; }
}

/// <summary>One guest interface: its name (the network it connects to) and its binding (bridge, masquerade, sriov...).</summary>
public sealed class VmInterface
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("bridge")]
    public JsonObject? Bridge { get; set; }

    [JsonPropertyName("masquerade")]
    public JsonObject? Masquerade { get; set; }

    [JsonPropertyName("sriov")]
    public JsonObject? Sriov { get; set; }

    [JsonPropertyName("slirp")]
    public JsonObject? Slirp { get; set; }

    [JsonPropertyName("passt")]
    public JsonObject? Passt { get; set; }

    [JsonPropertyName("macAddress")]
    public string? MacAddress { get; set; }

    /// <summary>The binding method's name as KubeVirt spells it, or null when none is set.</summary>
    [JsonIgnore]
    public string? Binding => Bridge is not null ? "bridge"
        : Masquerade is not null ? "masquerade"
        : Sriov is not null ? "sriov"
        : Slirp is not null ? "slirp"
        : Passt is not null ? "passt"
        : null;
}
