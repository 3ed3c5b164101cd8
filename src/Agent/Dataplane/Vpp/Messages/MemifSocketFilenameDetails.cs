namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>memif_socket_filename_details</c>: u32 context, u32 socket_id, string socket_filename[108].</summary>
internal sealed record MemifSocketFilenameDetails(uint SocketId, string SocketFilename)
{
    public static MemifSocketFilenameDetails From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Get<uint>("socket_id"), message.Get<string>("socket_filename"));
    }

    public Dictionary<string, object?> ToFields(uint context) =>
        new() { ["context"] = context, ["socket_id"] = SocketId, ["socket_filename"] = SocketFilename };
}
