namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>ip_address_dump</c>: sw_if_index, bool is_ipv6; answered by <c>ip_address_details</c> (sw_if_index, prefix).</summary>
internal sealed record IpAddressDump(uint SwIfIndex, bool IsIpv6) : IVppRequest
{
    public string MessageName => "ip_address_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["is_ipv6"] = IsIpv6 };
}
