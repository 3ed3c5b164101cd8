namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_ip6_enable_disable</c>: sw_if_index, bool enable (IPv6 with a link-local address).</summary>
internal sealed record SwInterfaceIp6EnableDisable(uint SwIfIndex, bool Enable) : IVppRequest
{
    public string MessageName => "sw_interface_ip6_enable_disable";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["enable"] = Enable };
}
