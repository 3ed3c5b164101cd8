using System.Buffers.Binary;
using System.Net.Sockets;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// VPP's socket API framing, read from FD.io VPP's sources (master, 2026): each message on api.sock is preceded by a
/// 16-byte <c>msgbuf_t</c> header — <c>svm_queue_t *q</c> (8 bytes, always 0 on a socket), <c>u32 data_len</c> in
/// network order (the message length without the header), <c>u32 gc_mark_timestamp</c> (0) — as written by
/// <c>vl_socket_client_write_internal</c> (src/vlibmemory/socket_client.c), sent by <c>vl_socket_api_send</c> and
/// parsed with <c>ntohl (mbp->data_len) + sizeof (msgbuf_t)</c> (src/vlibmemory/socket_api.c), and packed as
/// <c>struct.Struct(">QII")</c> by vpp_papi's vpp_transport_socket.py. The message itself starts with its u16 id.
/// </summary>
internal static class VppSocketFraming
{
    public const int HeaderSize = 16;

    /// <summary>Refuses absurd lengths from a confused peer instead of allocating them.</summary>
    public const int MaxMessageSize = 64 * 1024 * 1024;

    public static void WriteHeader(Span<byte> header, int messageLength)
    {
        header[..HeaderSize].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(header[8..], (uint)messageLength);
    }

    public static async Task WriteAsync(Socket socket, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var frame = new byte[HeaderSize + message.Length];
        WriteHeader(frame, message.Length);
        message.CopyTo(frame.AsMemory(HeaderSize));
        for (var sent = 0; sent < frame.Length;)
        {
            sent += await socket.SendAsync(frame.AsMemory(sent), SocketFlags.None, cancellationToken);
        }
    }

    /// <summary>Reads one message (without its header); null when the peer closed the socket between messages.</summary>
    public static async Task<byte[]?> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var header = new byte[HeaderSize];
        if (!await FillAsync(socket, header, allowEnd: true, cancellationToken))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        if (length is 0 or > MaxMessageSize)
        {
            throw new VppApiException($"api.sock sent a frame of {length} bytes; expected 2 to {MaxMessageSize}.");
        }

        var message = new byte[length];
        await FillAsync(socket, message, allowEnd: false, cancellationToken);
        return message;
    }

    private static async Task<bool> FillAsync(Socket socket, Memory<byte> buffer, bool allowEnd, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                if (read == 0 && allowEnd)
                {
                    return false;
                }

                throw new VppApiException($"api.sock closed in the middle of a frame ({read} of {buffer.Length} bytes).");
            }

            read += n;
        }

        return true;
    }
}
