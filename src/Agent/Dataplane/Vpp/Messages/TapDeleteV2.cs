namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>tap_delete_v2</c>: sw_if_index.</summary>
internal sealed record TapDeleteV2(uint SwIfIndex) : IVppRequest
{
    public string MessageName => "tap_delete_v2";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex };
}
