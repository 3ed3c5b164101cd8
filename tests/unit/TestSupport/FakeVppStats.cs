using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Multinet.Shared.Domain;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// VPP's stats segment and its socket, laid out as src/vlib/stats/shared.h and vppinfra's vectors define them: a file
/// holding the shared header (version 2, base, epoch, in_progress, directory_vector), the directory vector of 144-byte
/// entries (<c>/if/rx</c> and <c>/if/tx</c> combined, <c>/if/drops</c> simple) and their per-thread counter vectors (two
/// threads, as VPP with one worker), every pointer in a made-up VPP address space and every vector preceded by its 8-byte
/// header (u32 length first). A client connecting to the SOCK_SEQPACKET socket receives the file's descriptor with
/// SCM_RIGHTS, as from VPP. Counters change by rewriting the file with a new epoch.
/// </summary>
internal sealed class FakeVppStats : IAsyncDisposable
{
    private const ulong Base = 0x7f00_0000_0000;
    private const int Threads = 2;
    private const int Slots = 64;

    private readonly string _file;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, InterfaceCounters> _counters = [];
    private ulong _epoch = 1;

    public FakeVppStats(string directory)
    {
        _file = Path.Combine(directory, "statseg");
        SocketPath = Path.Combine(directory, "stats.sock");
        Write();
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen();
        _accept = AcceptAsync(_stop.Token);
    }

    public string SocketPath { get; }

    /// <summary>Sets an interface's counters; VPP's two threads each count half (the reader must sum them).</summary>
    public void Set(uint swIfIndex, InterfaceCounters counters)
    {
        lock (_lock)
        {
            _counters[swIfIndex] = counters;
            _epoch++;
            Write();
        }
    }

    private void Write()
    {
        var image = new byte[64 * 1024];
        var span = image.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, 2); // version
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], Base);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], _epoch);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], 0); // in_progress

        var next = 4096;
        int Vector(int elements, int size)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(next), (uint)elements);
            var data = next + 8;
            next = data + (elements * size) + 64;
            return data;
        }

        ulong Pointer(int offset) => Base + (ulong)offset;

        int PerThread(int size, Action<Span<byte>, uint, int> fill)
        {
            var threads = Vector(Threads, 8);
            for (var t = 0; t < Threads; t++)
            {
                var counters = Vector(Slots, size);
                for (var i = 0u; i < Slots; i++)
                {
                    fill(image.AsSpan(counters + (int)(i * size)), i, t);
                }

                BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(threads + (t * 8)), Pointer(counters));
            }

            return threads;
        }

        // Thread 0 holds the larger half, thread 1 the rest.
        static ulong Half(ulong value, int thread) => thread == 0 ? value - (value / 2) : value / 2;
        var rx = PerThread(16, (s, i, t) =>
        {
            var c = _counters.GetValueOrDefault(i);
            BinaryPrimitives.WriteUInt64LittleEndian(s, Half(c.RxPackets, t));
            BinaryPrimitives.WriteUInt64LittleEndian(s[8..], Half(c.RxBytes, t));
        });
        var tx = PerThread(16, (s, i, t) =>
        {
            var c = _counters.GetValueOrDefault(i);
            BinaryPrimitives.WriteUInt64LittleEndian(s, Half(c.TxPackets, t));
            BinaryPrimitives.WriteUInt64LittleEndian(s[8..], Half(c.TxBytes, t));
        });
        var drops = PerThread(8, (s, i, t) => BinaryPrimitives.WriteUInt64LittleEndian(s, Half(_counters.GetValueOrDefault(i).Drops, t)));

        (string Name, int Type, int Data)[] entries = [("/sys/boottime", 1, 0), ("/if/rx", 3, rx), ("/if/tx", 3, tx), ("/if/drops", 2, drops), ("/if/names", 4, 0)];
        var directory = Vector(entries.Length, 144);
        for (var e = 0; e < entries.Length; e++)
        {
            var entry = span[(directory + (e * 144))..];
            BinaryPrimitives.WriteInt32LittleEndian(entry, entries[e].Type);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], entries[e].Data == 0 ? 0 : Pointer(entries[e].Data));
            Encoding.ASCII.GetBytes(entries[e].Name).CopyTo(entry[16..]);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], Pointer(directory));
        File.WriteAllBytes(_file, image);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptAsync(cancellationToken);
                using var segment = File.OpenHandle(_file, FileMode.Open, FileAccess.Read);
                SendFileDescriptor(client, (int)segment.DangerousGetHandle());
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>sendmsg with one byte and one SCM_RIGHTS descriptor (struct layouts of Linux x86-64 and arm64).</summary>
    private static void SendFileDescriptor(Socket client, int fd)
    {
        var data = Marshal.AllocHGlobal(1);
        var iov = Marshal.AllocHGlobal(16);
        var control = Marshal.AllocHGlobal(24);
        var message = Marshal.AllocHGlobal(56);
        try
        {
            Marshal.WriteByte(data, 0);
            for (var i = 0; i < 56; i++)
            {
                Marshal.WriteByte(message, i, 0);
            }

            Marshal.WriteIntPtr(iov, 0, data);
            Marshal.WriteInt64(iov, 8, 1);
            Marshal.WriteInt64(control, 0, 20); // CMSG_LEN(sizeof(int))
            Marshal.WriteInt32(control, 8, 1); // SOL_SOCKET
            Marshal.WriteInt32(control, 12, 1); // SCM_RIGHTS
            Marshal.WriteInt32(control, 16, fd);
            Marshal.WriteInt32(control, 20, 0);
            Marshal.WriteIntPtr(message, 16, iov);
            Marshal.WriteInt64(message, 24, 1);
            Marshal.WriteIntPtr(message, 32, control);
            Marshal.WriteInt64(message, 40, 24);
            if (SendMsg((int)client.Handle, message, 0) < 0)
            {
                throw new IOException($"sendmsg failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            Marshal.FreeHGlobal(message);
            Marshal.FreeHGlobal(control);
            Marshal.FreeHGlobal(iov);
            Marshal.FreeHGlobal(data);
        }
    }

    [DllImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint SendMsg(int socket, nint message, int flags);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accept;
        _stop.Dispose();
    }
}
