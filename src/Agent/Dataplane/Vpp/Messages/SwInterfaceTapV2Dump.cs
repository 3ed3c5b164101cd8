namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_tap_v2_dump</c>: sw_if_index (~0 = every tap); answered by <see cref="SwInterfaceTapV2Details"/>.</summary>
internal sealed record SwInterfaceTapV2Dump(uint SwIfIndex = uint.MaxValue) : IVppRequest
{
    public string MessageName => "sw_interface_tap_v2_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex };
}
