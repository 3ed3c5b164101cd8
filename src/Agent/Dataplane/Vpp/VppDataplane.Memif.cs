using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>Creating and removing the VPP side of pod interfaces: memifs with their socket ids, and taps.</summary>
internal sealed partial class VppDataplane
{
    private const string TapCreateMessage = "tap_create_v3";

    private static async Task<(uint SwIfIndex, IVppRequest Undo, string What)> CreateMemifAsync(DataplaneOperation operation, VppApiConnection connection,
        PodInterfaceSpec spec, byte[]? mac, CancellationToken cancellationToken)
    {
        if (!connection.MessageTable.Offers("memif_create_v2"))
        {
            throw new DataplaneException($"{operation.Describe()}: memif plugin not loaded: memif interfaces unavailable.", "VNET_API_ERROR_UNIMPLEMENTED");
        }

        var filename = spec.MemifSocket ?? VppTags.DefaultMemifSocket(spec);
        if (filename.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(filename) > VppTags.MaxSocketPath)
        {
            throw Invalid(operation, "MemifSocket", filename, $"a socket path of 1 to {VppTags.MaxSocketPath} bytes");
        }

        var sockets = (await connection.DumpAsync(new MemifSocketFilenameDump(), cancellationToken)).Select(MemifSocketFilenameDetails.From);
        var socketId = sockets.FirstOrDefault(s => s.SocketFilename == filename)?.SocketId;
        if (socketId is null)
        {
            EnsureSocketDirectory(operation, filename);
            socketId = (await connection.RequestAsync(new MemifSocketFilenameAddDelV2(true, uint.MaxValue, filename), cancellationToken)).Get<uint>("socket_id");
        }

        // An untagged memif on this socket was left by an agent killed between its create and its tag: remove it, not double it.
        var onSocket = (await connection.DumpAsync(new MemifDump(), cancellationToken)).Select(MemifDetails.From).Where(m => m.SocketId == socketId).ToList();
        if (onSocket.Count > 0)
        {
            var tags = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToDictionary(i => i.SwIfIndex, i => i.Tag);
            foreach (var orphan in onSocket.Where(m => tags.GetValueOrDefault(m.SwIfIndex) is "").ToList())
            {
                await RemovePodInterfaceAsync(connection, orphan.SwIfIndex, cancellationToken);
                onSocket.Remove(orphan);
            }
        }

        // One memif per socket is the plan's norm; when a socket is shared, each memif needs its own id on it.
        var usedIds = onSocket.Select(m => m.Id).ToHashSet();
        var id = 0u;
        while (usedIds.Contains(id))
        {
            id++;
        }

        var create = new MemifCreate(id, socketId.Value, (byte)spec.RxQueues, (byte)spec.TxQueues) { HardwareAddress = mac ?? new byte[6] };
        uint swIfIndex;
        try
        {
            swIfIndex = (await connection.RequestAsync(create, cancellationToken)).Get<uint>("sw_if_index");
        }
        catch (DataplaneException) when (usedIds.Count == 0 && socketId != 0)
        {
            await connection.RequestAsync(new MemifSocketFilenameAddDelV2(false, socketId.Value, string.Empty), CancellationToken.None);
            throw;
        }

        return (swIfIndex, new MemifDelete(swIfIndex), "memif");
    }

    /// <summary>
    /// VPP creates the directory of a relative memif socket name only: for an absolute one the agent (on the same host, as VPP
    /// shares its socket directory with the pods) creates it, owner rwx, group r-x, nothing for others. An existing directory is
    /// left as it is.
    /// </summary>
    private static void EnsureSocketDirectory(DataplaneOperation operation, string filename)
    {
        var directory = Path.IsPathRooted(filename) ? Path.GetDirectoryName(filename) : null;
        if (string.IsNullOrEmpty(directory) || Directory.Exists(directory))
        {
            return;
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataplaneException($"{operation.Describe()}: MemifSocket \"{filename}\": cannot create its directory {directory}: {ex.Message}",
                "VNET_API_ERROR_SYSCALL_ERROR_4");
        }
    }

    private static async Task<(uint SwIfIndex, IVppRequest Undo, string What)> CreateTapAsync(DataplaneOperation operation, VppApiConnection connection,
        PodInterfaceSpec spec, byte[]? mac, CancellationToken cancellationToken)
    {
        if (!connection.MessageTable.Offers(TapCreateMessage))
        {
            throw new DataplaneException($"{operation.Describe()}: tap plugin not loaded: tap interfaces unavailable.", "VNET_API_ERROR_UNIMPLEMENTED");
        }

        var create = new TapCreateV3(VppTags.TapHostName(spec.Tag), null, spec.Tag)
        {
            HostMacAddress = mac,
            RxQueues = (ushort)spec.RxQueues,
            TxQueues = (ushort)spec.TxQueues,
        };
        var swIfIndex = (await connection.RequestAsync(create, cancellationToken)).Get<uint>("sw_if_index");
        return (swIfIndex, new TapDeleteV2(swIfIndex), "tap");
    }

    /// <summary>Deletes a pod interface of either kind (whichever dump lists it); one already gone is fine.</summary>
    private static async Task RemovePodInterfaceAsync(VppApiConnection connection, uint swIfIndex, CancellationToken cancellationToken)
    {
        var isMemif = connection.MessageTable.Offers("memif_dump")
            && (await connection.DumpAsync(new MemifDump(), cancellationToken)).Select(MemifDetails.From).Any(m => m.SwIfIndex == swIfIndex);
        if (!isMemif && !connection.MessageTable.Offers("tap_delete_v2"))
        {
            return; // neither a memif nor, without the tap plugin, a tap: not a pod interface this driver made
        }

        try
        {
            await connection.RequestAsync(isMemif ? new MemifDelete(swIfIndex) : new TapDeleteV2(swIfIndex), cancellationToken);
        }
        catch (DataplaneException ex) when (IsGone(ex))
        {
            // Already gone.
        }
    }

    /// <summary>The directory of the memif sockets the planner names (<see cref="Planner.MemifSocketPath"/>): its sockets are this product's.</summary>
    private static readonly string s_plannedSocketDirectory = Path.GetDirectoryName(Planner.MemifSocketPath("ns", "pod", "memif")) + "/";

    /// <summary>
    /// Removes memif socket ids this product registered (under /run/vpp/multinet or the planner's directory, or named by a plan)
    /// that no memif uses any more.
    /// </summary>
    private async Task ReleaseUnusedSocketsAsync(VppApiConnection connection, string? released, CancellationToken cancellationToken)
    {
        var inUse = (await connection.DumpAsync(new MemifDump(), cancellationToken)).Select(MemifDetails.From).Select(m => m.SocketId).ToHashSet();
        var ours = _interfaces.Values.Select(i => i.MemifSocket).Append(released).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var socket in (await connection.DumpAsync(new MemifSocketFilenameDump(), cancellationToken)).Select(MemifSocketFilenameDetails.From))
        {
            var isOurs = socket.SocketFilename.StartsWith("/run/vpp/multinet/", StringComparison.Ordinal)
                || socket.SocketFilename.StartsWith(s_plannedSocketDirectory, StringComparison.Ordinal) || ours.Contains(socket.SocketFilename);
            if (socket.SocketId != 0 && isOurs && !inUse.Contains(socket.SocketId))
            {
                try
                {
                    await connection.RequestAsync(new MemifSocketFilenameAddDelV2(false, socket.SocketId, string.Empty), cancellationToken);
                }
                catch (DataplaneException ex) when (IsGone(ex) || ex.ApiError == "VNET_API_ERROR_INVALID_ARGUMENT")
                {
                    // Gone or taken again meanwhile.
                }
            }
        }
    }
}
