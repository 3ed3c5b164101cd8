namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>acl_interface_set_acl_list</c>: sw_if_index, u8 count, u8 n_input, count × u32 acls: the first n_input apply to
/// packets the interface receives (a pod's egress), the rest to packets VPP sends out of it (the pod's ingress). An empty
/// list removes every ACL from the interface.
/// </summary>
internal sealed record AclInterfaceSetAclList(uint SwIfIndex, IReadOnlyList<uint> Input, IReadOnlyList<uint> Output) : IVppRequest
{
    public string MessageName => "acl_interface_set_acl_list";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["sw_if_index"] = SwIfIndex,
        ["n_input"] = (byte)Input.Count,
        ["acls"] = Input.Concat(Output).Select(a => (object?)a).ToArray(), // count is filled from the array
    };
}
