namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>memif_socket_filename_add_del_v2</c>: is_add, socket_id (~0 = allocate), string socket_filename (variable).</summary>
internal sealed record MemifSocketFilenameAddDelV2(bool IsAdd, uint SocketId, string SocketFilename) : IVppRequest
{
    public string MessageName => "memif_socket_filename_add_del_v2";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["is_add"] = IsAdd, ["socket_id"] = SocketId, ["socket_filename"] = SocketFilename };
}
