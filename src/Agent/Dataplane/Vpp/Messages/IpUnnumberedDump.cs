namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>ip_unnumbered_dump</c>: sw_if_index (~0 = all); answered by <c>ip_unnumbered_details</c> (sw_if_index, ip_sw_if_index).</summary>
internal sealed record IpUnnumberedDump(uint SwIfIndex = uint.MaxValue) : IVppRequest
{
    public string MessageName => "ip_unnumbered_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex };
}
