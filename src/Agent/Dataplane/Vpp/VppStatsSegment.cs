using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// Reads interface counters from VPP's stats segment, as VPP's own stat client does (src/vpp-api/client/stat_client.c,
/// src/vlib/stats/shared.h): connect to the <c>statseg { socket-name }</c> socket (SOCK_SEQPACKET), receive the segment's
/// file descriptor (SCM_RIGHTS), then read the segment: a header (u64 version, base, epoch, in_progress,
/// directory_vector), a vector of 144-byte directory entries (u32 type, pad, u64 data, char name[128]), pointers given in
/// VPP's address space (offset = pointer - base), each vector's u32 length 8 bytes before its data. <c>/if/rx</c> and
/// <c>/if/tx</c> are combined counters (per thread, per sw_if_index: u64 packets, u64 bytes), <c>/if/drops</c> a simple one;
/// threads are summed. A read that overlaps VPP's update (epoch changed or in_progress set) is retried.
/// </summary>
internal sealed class VppStatsSegment : IDisposable
{
    private const int EntrySize = 144;
    private const int CombinedCounterType = 3;
    private const int SimpleCounterType = 2;

    private readonly SafeFileHandle _segment;
    private readonly long _size;

    private VppStatsSegment(SafeFileHandle segment, long size)
    {
        _segment = segment;
        _size = size;
    }

    /// <summary>Connects and receives the segment; throws <see cref="IOException"/> saying why it cannot.</summary>
    public static VppStatsSegment Connect(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (SocketException ex)
        {
            throw new IOException($"VPP's stats socket {socketPath}: {ex.Message}", ex);
        }

        var fd = ReceiveFileDescriptor(socket);
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        return new VppStatsSegment(handle, RandomAccess.GetLength(handle));
    }

    /// <summary>rx/tx packets and bytes and drops per sw_if_index, summed over VPP's threads.</summary>
    public Dictionary<uint, InterfaceCounters> ReadInterfaceCounters()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var header = Read(0, 40);
            var baseAddress = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(8));
            var epoch = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(16));
            if (BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(24)) != 0)
            {
                Thread.Yield();
                continue; // VPP is rewriting the directory
            }

            var counters = ReadCounters(baseAddress, BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(32)));
            var after = Read(16, 16);
            if (BinaryPrimitives.ReadUInt64LittleEndian(after) == epoch && BinaryPrimitives.ReadUInt64LittleEndian(after.AsSpan(8)) == 0)
            {
                return counters;
            }
        }

        throw new IOException("VPP's stats segment kept changing while it was read.");
    }

    public void Dispose() => _segment.Dispose();

    private Dictionary<uint, InterfaceCounters> ReadCounters(ulong baseAddress, ulong directoryPointer)
    {
        var rx = new Dictionary<uint, (ulong Packets, ulong Bytes)>();
        var tx = new Dictionary<uint, (ulong Packets, ulong Bytes)>();
        var drops = new Dictionary<uint, ulong>();
        var directory = Offset(baseAddress, directoryPointer);
        var entries = VectorLength(directory);
        for (var i = 0L; i < entries; i++)
        {
            var entry = Read(directory + (i * EntrySize), EntrySize);
            var type = BinaryPrimitives.ReadInt32LittleEndian(entry);
            var name = Encoding.ASCII.GetString(entry.AsSpan(16, 128)).TrimEnd('\0');
            var data = BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(8));
            switch (name)
            {
                case "/if/rx" when type == CombinedCounterType:
                    SumCombined(baseAddress, data, rx);
                    break;
                case "/if/tx" when type == CombinedCounterType:
                    SumCombined(baseAddress, data, tx);
                    break;
                case "/if/drops" when type == SimpleCounterType:
                    SumSimple(baseAddress, data, drops);
                    break;
            }
        }

        return rx.Keys.Union(tx.Keys).Union(drops.Keys).ToDictionary(i => i, i =>
        {
            var (rxPackets, rxBytes) = rx.GetValueOrDefault(i);
            var (txPackets, txBytes) = tx.GetValueOrDefault(i);
            return new InterfaceCounters(rxPackets, txPackets, rxBytes, txBytes, drops.GetValueOrDefault(i));
        });
    }

    private void SumCombined(ulong baseAddress, ulong data, Dictionary<uint, (ulong Packets, ulong Bytes)> sums)
    {
        var threads = Offset(baseAddress, data);
        var threadCount = VectorLength(threads);
        var pointers = Read(threads, (int)(threadCount * 8));
        for (var t = 0; t < threadCount; t++)
        {
            var vector = Offset(baseAddress, BinaryPrimitives.ReadUInt64LittleEndian(pointers.AsSpan(t * 8)));
            var count = VectorLength(vector);
            var values = Read(vector, (int)(count * 16));
            for (var i = 0u; i < count; i++)
            {
                var (packets, bytes) = sums.GetValueOrDefault(i);
                sums[i] = (packets + BinaryPrimitives.ReadUInt64LittleEndian(values.AsSpan((int)(i * 16))),
                    bytes + BinaryPrimitives.ReadUInt64LittleEndian(values.AsSpan((int)(i * 16) + 8)));
            }
        }
    }

    private void SumSimple(ulong baseAddress, ulong data, Dictionary<uint, ulong> sums)
    {
        var threads = Offset(baseAddress, data);
        var threadCount = VectorLength(threads);
        var pointers = Read(threads, (int)(threadCount * 8));
        for (var t = 0; t < threadCount; t++)
        {
            var vector = Offset(baseAddress, BinaryPrimitives.ReadUInt64LittleEndian(pointers.AsSpan(t * 8)));
            var count = VectorLength(vector);
            var values = Read(vector, (int)(count * 8));
            for (var i = 0u; i < count; i++)
            {
                sums[i] = sums.GetValueOrDefault(i) + BinaryPrimitives.ReadUInt64LittleEndian(values.AsSpan((int)(i * 8)));
            }
        }
    }

    /// <summary>A pointer of VPP's address space as an offset in the segment; refuses one that points outside it.</summary>
    private long Offset(ulong baseAddress, ulong pointer)
    {
        var offset = (long)(pointer - baseAddress);
        return pointer > baseAddress && offset + 8 < _size ? offset : throw new IOException($"VPP's stats segment holds a pointer outside it (0x{pointer:x}).");
    }

    private long VectorLength(long vector)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(Read(vector - 8, 4));
        return length <= _size / 8 ? length : throw new IOException($"VPP's stats segment holds a vector of {length} elements.");
    }

    private byte[] Read(long offset, int length)
    {
        if (offset < 0 || offset + length > _size)
        {
            throw new IOException($"VPP's stats segment is {_size} bytes; {length} bytes at {offset} are outside it.");
        }

        var buffer = new byte[length];
        var read = RandomAccess.Read(_segment, buffer, offset);
        return read == length ? buffer : throw new IOException($"VPP's stats segment: read {read} of {length} bytes at {offset}.");
    }

    /// <summary>recvmsg with room for one SCM_RIGHTS descriptor (struct layouts of Linux x86-64 and arm64).</summary>
    private static nint ReceiveFileDescriptor(Socket socket)
    {
        const int ControlSize = 24; // CMSG_SPACE(sizeof(int))
        var data = Marshal.AllocHGlobal(1);
        var iov = Marshal.AllocHGlobal(16);
        var control = Marshal.AllocHGlobal(ControlSize);
        var message = Marshal.AllocHGlobal(56);
        try
        {
            for (var i = 0; i < ControlSize; i++)
            {
                Marshal.WriteByte(control, i, 0);
            }

            for (var i = 0; i < 56; i++)
            {
                Marshal.WriteByte(message, i, 0);
            }

            Marshal.WriteIntPtr(iov, 0, data);
            Marshal.WriteInt64(iov, 8, 1);
            Marshal.WriteIntPtr(message, 16, iov); // msg_iov
            Marshal.WriteInt64(message, 24, 1); // msg_iovlen
            Marshal.WriteIntPtr(message, 32, control); // msg_control
            Marshal.WriteInt64(message, 40, ControlSize); // msg_controllen
            if (RecvMsg((int)socket.Handle, message, 0) < 0)
            {
                throw new IOException($"VPP's stats socket: recvmsg failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            // struct cmsghdr: size_t cmsg_len, int cmsg_level (SOL_SOCKET = 1), int cmsg_type (SCM_RIGHTS = 1), then the descriptor.
            if (Marshal.ReadInt64(message, 40) < 20 || Marshal.ReadInt32(control, 8) != 1 || Marshal.ReadInt32(control, 12) != 1)
            {
                throw new IOException("VPP's stats socket sent no file descriptor.");
            }

            return Marshal.ReadInt32(control, 16);
        }
        finally
        {
            Marshal.FreeHGlobal(message);
            Marshal.FreeHGlobal(control);
            Marshal.FreeHGlobal(iov);
            Marshal.FreeHGlobal(data);
        }
    }

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint RecvMsg(int socket, nint message, int flags);
}
