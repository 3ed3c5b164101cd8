namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>memif_details</c>: u32 context, sw_if_index, u8 hw_addr[6], u32 id, u32 role (0 = master, 1 = slave), u32 mode
/// (0 = ethernet, 1 = ip, 2 = punt/inject), bool zero_copy, u32 socket_id, u32 ring_size, u16 buffer_size,
/// u32 flags (1 = admin up, 2 = link up), string if_name[64]. It carries no queue counts.
/// </summary>
internal sealed record MemifDetails(uint SwIfIndex, uint Id, uint Role, uint Mode, uint SocketId, uint Flags, string InterfaceName)
{
    public byte[] HardwareAddress { get; init; } = new byte[6];

    public uint RingSize { get; init; } = 1024;

    public ushort BufferSize { get; init; } = 2048;

    public string RoleName => Role switch { 0 => "master", 1 => "slave", _ => $"role-{Role}" };

    public string ModeName => Mode switch { 0 => "ethernet", 1 => "ip", 2 => "punt-inject", _ => $"mode-{Mode}" };

    public static MemifDetails From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Get<uint>("sw_if_index"), message.Get<uint>("id"), message.Get<uint>("role"), message.Get<uint>("mode"),
            message.Get<uint>("socket_id"), message.Get<uint>("flags"), message.Get<string>("if_name"))
        {
            HardwareAddress = message.Get<byte[]>("hw_addr"),
            RingSize = message.Get<uint>("ring_size"),
            BufferSize = message.Get<ushort>("buffer_size"),
        };
    }

    public Dictionary<string, object?> ToFields(uint context) => new()
    {
        ["context"] = context,
        ["sw_if_index"] = SwIfIndex,
        ["hw_addr"] = HardwareAddress,
        ["id"] = Id,
        ["role"] = Role,
        ["mode"] = Mode,
        ["zero_copy"] = true,
        ["socket_id"] = SocketId,
        ["ring_size"] = RingSize,
        ["buffer_size"] = BufferSize,
        ["flags"] = Flags,
        ["if_name"] = InterfaceName,
    };
}
