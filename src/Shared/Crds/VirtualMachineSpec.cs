using System.Text.Json.Serialization;
using k8s.Models;

namespace Multinet.Shared.Crds;

/// <summary>A VirtualMachine's spec: <c>running</c> (deprecated) or <c>runStrategy</c>, and the template of its VMI.</summary>
public sealed class VirtualMachineSpec
{
    [JsonPropertyName("running")]
    public bool? Running { get; set; }

    [JsonPropertyName("runStrategy")]
    public string? RunStrategy { get; set; }

    [JsonPropertyName("template")]
    public VirtualMachineInstanceTemplate? Template { get; set; }

    /// <summary>The run strategy in effect: <c>runStrategy</c>, else Always or Halted from <c>running</c>, else Halted.</summary>
    [JsonIgnore]
    public string EffectiveRunStrategy => !string.IsNullOrEmpty(RunStrategy) ? RunStrategy : Running == true ? "Always" : "Halted";
}

/// <summary>The template a VirtualMachine's VMI is made from.</summary>
public sealed class VirtualMachineInstanceTemplate
{
    [JsonPropertyName("metadata")]
    public V1ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public VirtualMachineInstanceSpec? Spec { get; set; }
}
