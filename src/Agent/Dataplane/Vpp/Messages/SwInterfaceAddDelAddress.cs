using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_add_del_address</c>: sw_if_index, bool is_add, bool del_all, address_with_prefix prefix.</summary>
internal sealed record SwInterfaceAddDelAddress(uint SwIfIndex, bool IsAdd, IPNetwork Prefix) : IVppRequest
{
    public string MessageName => "sw_interface_add_del_address";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["sw_if_index"] = SwIfIndex,
        ["is_add"] = IsAdd,
        ["del_all"] = false,
        ["prefix"] = VppAddress.PrefixToFields(Prefix),
    };
}
