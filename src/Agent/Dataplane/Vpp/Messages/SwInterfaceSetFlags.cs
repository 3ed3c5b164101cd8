namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_set_flags</c>: sw_if_index, if_status_flags (u32: 1 = admin up, 2 = link up).</summary>
internal sealed record SwInterfaceSetFlags(uint SwIfIndex, uint Flags) : IVppRequest
{
    public const uint AdminUp = 1;

    public const uint LinkUp = 2;

    public string MessageName => "sw_interface_set_flags";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["flags"] = Flags };
}
