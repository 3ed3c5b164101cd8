using System.Text.Json.Serialization;

namespace Multinet.Shared.Crds;

/// <summary>
/// One of a VirtualMachine's <c>status.stateChangeRequests</c>, as KubeVirt's start, stop and restart subresources write
/// them for the virt-controller: Stop (of the VMI with <see cref="Uid"/>) or Start.
/// </summary>
public sealed class VmStateChangeRequest
{
    public const string StartAction = "Start";

    public const string StopAction = "Stop";

    [JsonPropertyName("action")]
    public string? Action { get; set; }

    [JsonPropertyName("uid")]
    public string? Uid { get; set; }
}
