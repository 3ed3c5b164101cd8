namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>acl_interface_list_dump</c>: sw_if_index (~0 = all); answered by <c>acl_interface_list_details</c> (sw_if_index, count, n_input, acls).</summary>
internal sealed record AclInterfaceListDump(uint SwIfIndex = uint.MaxValue) : IVppRequest
{
    public string MessageName => "acl_interface_list_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex };
}
