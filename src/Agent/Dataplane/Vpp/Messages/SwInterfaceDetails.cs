namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>The parts of <c>sw_interface_details</c> the agent reads: index, name, admin/link flags, MAC, tag.</summary>
internal sealed record SwInterfaceDetails(uint SwIfIndex, string InterfaceName, uint Flags, byte[] L2Address, string Tag)
{
    public bool IsAdminUp => (Flags & SwInterfaceSetFlags.AdminUp) != 0;

    public bool IsLinkUp => (Flags & SwInterfaceSetFlags.LinkUp) != 0;

    public static SwInterfaceDetails From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Get<uint>("sw_if_index"), message.Get<string>("interface_name"), message.Get<uint>("flags"),
            message.Get<byte[]>("l2_address"), message.Get<string>("tag"));
    }
}
