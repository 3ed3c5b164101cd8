namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_tag_add_del</c>: bool is_add, sw_if_index, string tag[64] (VPP keeps 63 characters; an empty tag is refused on add).</summary>
internal sealed record SwInterfaceTagAddDel(bool IsAdd, uint SwIfIndex, string Tag) : IVppRequest
{
    public string MessageName => "sw_interface_tag_add_del";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["is_add"] = IsAdd, ["sw_if_index"] = SwIfIndex, ["tag"] = Tag };
}
