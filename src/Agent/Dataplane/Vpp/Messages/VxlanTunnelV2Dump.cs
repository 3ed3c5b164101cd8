namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>vxlan_tunnel_v2_dump</c>: sw_if_index (~0 = every tunnel); answered by <see cref="VxlanTunnelV2Details"/>.</summary>
internal sealed record VxlanTunnelV2Dump(uint SwIfIndex = uint.MaxValue) : IVppRequest
{
    public string MessageName => "vxlan_tunnel_v2_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex };
}
