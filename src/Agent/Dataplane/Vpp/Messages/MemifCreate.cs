namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// A memif interface, sent as <c>memif_create_v2</c>: role (u32 enum: 0 = master, 1 = slave), mode (u32: 0 = ethernet, 1 = ip),
/// rx/tx queues, id, socket_id, ring_size, buffer_size, no_zero_copy, use_dma, hw_addr, secret[24]. The reply carries sw_if_index.
/// </summary>
internal sealed record MemifCreate(uint Id, uint SocketId, byte RxQueues, byte TxQueues) : IVppRequest
{
    public uint Role { get; init; }

    public uint Mode { get; init; }

    public uint RingSize { get; init; } = 1024;

    public ushort BufferSize { get; init; } = 2048;

    /// <summary>The interface's MAC; all zeros lets VPP pick one.</summary>
    public byte[] HardwareAddress { get; init; } = new byte[6];

    public string MessageName => "memif_create_v2";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["role"] = Role,
        ["mode"] = Mode,
        ["rx_queues"] = RxQueues,
        ["tx_queues"] = TxQueues,
        ["id"] = Id,
        ["socket_id"] = SocketId,
        ["ring_size"] = RingSize,
        ["buffer_size"] = BufferSize,
        ["no_zero_copy"] = false,
        ["use_dma"] = false,
        ["hw_addr"] = HardwareAddress,
        ["secret"] = string.Empty,
    };
}
