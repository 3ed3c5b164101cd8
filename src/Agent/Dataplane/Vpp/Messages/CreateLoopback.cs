namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>create_loopback</c>: mac_address (all zero: VPP picks one). The reply carries the new sw_if_index.</summary>
internal sealed record CreateLoopback(byte[]? MacAddress = null) : IVppRequest
{
    public string MessageName => "create_loopback";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["mac_address"] = MacAddress ?? new byte[6] };
}
