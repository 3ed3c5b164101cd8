using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

internal sealed partial class VppDataplane
{
    private const string CnatMissing = "cnat plugin not loaded: service entries unavailable";
    private const string TapCreateMessage = "tap_create_v3";

    /// <summary>The L3 MTU of a VXLAN tunnel (VPP creates an L3 one with MTU 0): 1500 minus the outer headers (50 bytes over IPv4, 70 over IPv6).</summary>
    private const uint TunnelMtu4 = 1450;

    private const uint TunnelMtu6 = 1430;

    /// <summary>The arc vxlanN-input → ipN-input per outer family (true = IPv6), found once per connection.</summary>
    private readonly ConcurrentDictionary<bool, uint> _decapNextIndex = new();

    private async Task AddTunnelAsync(DataplaneOperation operation, TunnelSpec tunnel, CancellationToken cancellationToken)
    {
        var src = ParseAddress(operation, "Src", tunnel.Src);
        var dst = ParseAddress(operation, "Dst", tunnel.Dst);
        if (src.AddressFamily != dst.AddressFamily)
        {
            throw Invalid(operation, "Dst", tunnel.Dst, $"of the same address family as Src {tunnel.Src}");
        }

        var isIp6 = src.AddressFamily is AddressFamily.InterNetworkV6;
        var connection = await GetConnectionAsync(cancellationToken);
        if (!_decapNextIndex.TryGetValue(isIp6, out var decapNext))
        {
            var reply = await connection.RequestAsync(new AddNodeNext(isIp6 ? "vxlan6-input" : "vxlan4-input", isIp6 ? "ip6-input" : "ip4-input"),
                cancellationToken);
            decapNext = _decapNextIndex[isIp6] = reply.Get<uint>("next_index");
        }

        var create = new VxlanAddDelTunnelV3(true, src, dst, tunnel.Vni, tunnel.EncapTableId) { DecapNextIndex = decapNext, IsL3 = true };
        uint swIfIndex;
        var adopted = false;
        try
        {
            swIfIndex = (await connection.RequestAsync(create, cancellationToken)).Get<uint>("sw_if_index");
        }
        catch (DataplaneException ex) when (ex.ApiError == "VNET_API_ERROR_TUNNEL_EXIST")
        {
            // Ours already (added before a lost reply, or tagged for another peer): take it over; anyone else's: refuse.
            swIfIndex = await FindOurTunnelAsync(connection, tunnel, cancellationToken)
                ?? throw new DataplaneException($"{operation.Describe()}: VPP already has this tunnel and it is not tagged as this product's.", ex.ApiError);
            adopted = true;
        }

        try
        {
            var vrfIsIp6 = await VrfIsIp6Async(connection, tunnel.TableId, cancellationToken);
            await connection.RequestAsync(new SwInterfaceTagAddDel(true, swIfIndex, VppTags.TunnelTag(tunnel.Network, tunnel.PeerNode)), cancellationToken);
            await connection.RequestAsync(new SwInterfaceSetMtu(swIfIndex, isIp6 ? TunnelMtu6 : TunnelMtu4), cancellationToken);
            await AttachToVrfAsync(connection, swIfIndex, tunnel.TableId, vrfIsIp6, cancellationToken);
            await connection.RequestAsync(new SwInterfaceSetFlags(swIfIndex, SwInterfaceSetFlags.AdminUp), cancellationToken);

            // The peer's loopback, through the tunnel: what answers to this node's loopback (pings, ICMP errors) returns.
            var peer = PeerLoopbackAddress(dst, vrfIsIp6);
            await connection.RequestAsync(new IpRouteAddDel(true, tunnel.TableId, HostPrefix(peer), [new FibPath(swIfIndex, tunnel.TableId, peer) { IsIp6 = vrfIsIp6 }]),
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && !adopted)
        {
            await RollbackAsync(connection, "vxlan tunnel", swIfIndex, create with { IsAdd = false });
            throw;
        }

        _tunnels[tunnel.Key] = tunnel;
    }

    private static async Task<uint?> FindOurTunnelAsync(VppApiConnection connection, TunnelSpec tunnel, CancellationToken cancellationToken)
    {
        var tags = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToDictionary(i => i.SwIfIndex, i => i.Tag);
        return (await connection.DumpAsync(new VxlanTunnelV2Dump(), cancellationToken)).Select(VxlanTunnelV2Details.From)
            .Where(t => TunnelKey(t) == tunnel.Key && t.EncapVrfId == tunnel.EncapTableId && VppTags.IsTunnelTag(tags.GetValueOrDefault(t.SwIfIndex)))
            .Select(t => (uint?)t.SwIfIndex).FirstOrDefault();
    }

    private async Task DeleteTunnelAsync(DataplaneOperation operation, ObservedTunnel observed, CancellationToken cancellationToken)
    {
        var tunnel = observed.Spec;
        var connection = await GetConnectionAsync(cancellationToken);
        var delete = new VxlanAddDelTunnelV3(false, ParseAddress(operation, "Src", tunnel.Src), ParseAddress(operation, "Dst", tunnel.Dst), tunnel.Vni,
            tunnel.EncapTableId);
        try
        {
            // A route through a deleted interface would stay as a drop: the peer's loopback route goes first.
            var vrfIsIp6 = await VrfIsIp6Async(connection, tunnel.TableId, cancellationToken);
            await connection.RequestAsync(new IpRouteAddDel(false, tunnel.TableId, HostPrefix(PeerLoopbackAddress(delete.Destination, vrfIsIp6)), []), cancellationToken);
        }
        catch (DataplaneException ex) when (IsGone(ex))
        {
            // The table is gone, and the route with it.
        }

        try
        {
            await connection.RequestAsync(delete, cancellationToken);
        }
        catch (DataplaneException ex) when (IsGone(ex))
        {
            // Already gone: the state the operation asks for.
        }

        _tunnels.TryRemove(tunnel.Key, out _);
    }

    private async Task AddPodInterfaceAsync(DataplaneOperation operation, PodInterfaceSpec spec, CancellationToken cancellationToken)
    {
        var isIp6 = ParseAddressFamily(operation, spec.Address);
        var mac = spec.Mac is null ? null
            : PhysicalAddress.TryParse(spec.Mac, out var parsed) && parsed.GetAddressBytes().Length == 6 ? parsed.GetAddressBytes()
            : throw Invalid(operation, "Mac", spec.Mac, "a MAC address (aa:bb:cc:dd:ee:ff)");
        var maxQueues = spec.Kind is PodInterfaceKind.Memif ? byte.MaxValue : ushort.MaxValue;
        if (spec.RxQueues is < 1 || spec.RxQueues > maxQueues)
        {
            throw Invalid(operation, "RxQueues", spec.RxQueues.ToString(CultureInfo.InvariantCulture), $"between 1 and {maxQueues}");
        }

        if (spec.TxQueues is < 1 || spec.TxQueues > maxQueues)
        {
            throw Invalid(operation, "TxQueues", spec.TxQueues.ToString(CultureInfo.InvariantCulture), $"between 1 and {maxQueues}");
        }

        var connection = await GetConnectionAsync(cancellationToken);

        // One interface per tag: one left over (a lost reply, a spec the dump could not rebuild) is replaced, not doubled.
        if ((await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From)
            .FirstOrDefault(i => VppTags.IsPodTag(i.Tag) && VppTags.ParsePodVppTag(i.Tag).Tag == spec.Tag) is { } stale)
        {
            await RemovePodInterfaceAsync(connection, stale.SwIfIndex, cancellationToken);
        }

        var (swIfIndex, undo, what) = spec.Kind switch
        {
            PodInterfaceKind.Memif => await CreateMemifAsync(operation, connection, spec, mac, cancellationToken),
            _ => await CreateTapAsync(operation, connection, spec, mac, cancellationToken),
        };

        try
        {
            if (spec.Kind is PodInterfaceKind.Memif || VppTags.PodVppTag(spec) != spec.Tag)
            {
                await connection.RequestAsync(new SwInterfaceTagAddDel(true, swIfIndex, VppTags.PodVppTag(spec)), cancellationToken);
            }

            await AttachToVrfAsync(connection, swIfIndex, spec.TableId, isIp6, cancellationToken);
            if (connection.MessageTable.Offers("feature_cnat_enable_disable"))
            {
                // Service VIPs the pod sends to are translated as they enter, then looked up in the network's table.
                await connection.RequestAsync(new FeatureCnatEnableDisable(swIfIndex, true), cancellationToken);
            }

            await connection.RequestAsync(new SwInterfaceSetFlags(swIfIndex, SwInterfaceSetFlags.AdminUp), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await RollbackAsync(connection, what, swIfIndex, undo);
            if (spec.Kind is PodInterfaceKind.Memif)
            {
                await ReleaseUnusedSocketsAsync(connection, spec.MemifSocket, CancellationToken.None);
            }

            throw;
        }

        _interfaces[spec.Tag] = spec;
    }

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


        // One memif per socket is the plan's norm; when a socket is shared, each memif needs its own id on it.
        var usedIds = (await connection.DumpAsync(new MemifDump(), cancellationToken)).Select(MemifDetails.From)
            .Where(m => m.SocketId == socketId).Select(m => m.Id).ToHashSet();
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

    private async Task DeletePodInterfaceAsync(ObservedPodInterface observed, CancellationToken cancellationToken)
    {
        var tag = observed.Spec.Tag;
        var connection = await GetConnectionAsync(cancellationToken);

        // The observed index may be stale (VPP restarted and renumbered): only delete the interface that carries the tag —
        // or, for a spec the dump rebuilt from a hashed tag (its Tag cannot be recomputed), our hashed-tag interface at that index.
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From).ToList();
        var target = interfaces.FirstOrDefault(i => i.SwIfIndex == observed.SwIfIndex && (PodIdentity(i.Tag) == tag || IsHashedPodTag(PodIdentity(i.Tag))))
            ?? interfaces.FirstOrDefault(i => PodIdentity(i.Tag) == tag);
        await RemoveAclsAsync(connection, tag, cancellationToken); // an ACL outlives its interface in VPP
        if (target is not null)
        {
            await RemovePodInterfaceAsync(connection, target.SwIfIndex, cancellationToken);
        }

        if (observed.Spec.Kind is PodInterfaceKind.Memif)
        {
            await ReleaseUnusedSocketsAsync(connection, observed.Spec.MemifSocket, cancellationToken);
        }

        _interfaces.TryRemove(tag, out _);
    }

    /// <summary>A pod interface's identity from the tag VPP holds (without its queue counts); other tags as they are.</summary>
    private static string PodIdentity(string tag) => VppTags.IsPodTag(tag) ? VppTags.ParsePodVppTag(tag).Tag : tag;

    private static bool IsHashedPodTag(string tag) => VppTags.IsPodTag(tag) && VppTags.ParsePodTag(tag) == ("", "", "");

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

    /// <summary>Removes memif socket ids this product registered (under /run/vpp/multinet, or named by a plan) that no memif uses any more.</summary>
    private async Task ReleaseUnusedSocketsAsync(VppApiConnection connection, string? released, CancellationToken cancellationToken)
    {
        var inUse = (await connection.DumpAsync(new MemifDump(), cancellationToken)).Select(MemifDetails.From).Select(m => m.SocketId).ToHashSet();
        var ours = _interfaces.Values.Select(i => i.MemifSocket).Append(released).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var socket in (await connection.DumpAsync(new MemifSocketFilenameDump(), cancellationToken)).Select(MemifSocketFilenameDetails.From))
        {
            var isOurs = socket.SocketFilename.StartsWith("/run/vpp/multinet/", StringComparison.Ordinal) || ours.Contains(socket.SocketFilename);
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

    private async Task AddDelRouteAsync(DataplaneOperation operation, bool isAdd, RouteSpec route, CancellationToken cancellationToken)
    {
        if (route.Attachment)
        {
            await AddDelAttachmentRouteAsync(operation, isAdd, route, cancellationToken);
            return;
        }

        var prefix = ParsePrefix(operation, route.Prefix);
        var isIp6 = prefix.BaseAddress.AddressFamily is AddressFamily.InterNetworkV6;
        var connection = await GetConnectionAsync(cancellationToken);
        if (!isAdd)
        {
            try
            {
                // No path: VPP removes the prefix as the API added it, whatever its path.
                await connection.RequestAsync(new IpRouteAddDel(false, route.TableId, prefix, []), cancellationToken);
            }
            catch (DataplaneException ex) when (IsGone(ex))
            {
                // The table is gone, and the route with it.
            }

            _routes.TryRemove(route.Key, out _);
            return;
        }

        uint swIfIndex;
        IPAddress nextHop;
        if (route.ViaInterfaceTag is { } tag)
        {
            // A local pod: through its interface, to its own address there (the pod answers ARP for it).
            var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From);
            swIfIndex = interfaces.FirstOrDefault(i => VppTags.IsPodTag(i.Tag) && VppTags.ParsePodVppTag(i.Tag).Tag == tag)?.SwIfIndex
                ?? throw new DataplaneException($"{operation.Describe()}: no interface in VPP carries the tag \"{tag}\" (ViaInterfaceTag).",
                    "VNET_API_ERROR_INVALID_SW_IF_INDEX");
            nextHop = prefix.BaseAddress;
        }
        else if (route.ViaTunnelKey is { } key)
        {
            var tunnels = connection.MessageTable.Offers("vxlan_tunnel_v2_dump")
                ? (await connection.DumpAsync(new VxlanTunnelV2Dump(), cancellationToken)).Select(VxlanTunnelV2Details.From)
                : [];
            var tunnel = tunnels.FirstOrDefault(t => TunnelKey(t) == key)
                ?? throw new DataplaneException($"{operation.Describe()}: no vxlan tunnel in VPP has the key \"{key}\" (ViaTunnelKey).",
                    "VNET_API_ERROR_INVALID_SW_IF_INDEX");
            swIfIndex = tunnel.SwIfIndex;

            // A remote pod: through the tunnel to the peer's loopback (an L3 tunnel resolves no route without a next hop).
            nextHop = PeerLoopbackAddress(tunnel.Destination, isIp6);
        }
        else
        {
            throw Invalid(operation, "ViaInterfaceTag/ViaTunnelKey", null, "set: a route needs an interface or a tunnel");
        }

        await connection.RequestAsync(new IpRouteAddDel(true, route.TableId, prefix, [new FibPath(swIfIndex, route.TableId, nextHop) { IsIp6 = isIp6 }]),
            cancellationToken);
        _routes[route.Key] = route;
    }

    private async Task AddServiceAsync(DataplaneOperation operation, ServiceEntrySpec service, CancellationToken cancellationToken)
    {
        var translation = ToTranslation(operation, service);
        if (translation.Backends.Count == 0)
        {
            // cnat_translation_update with n_paths = 0 makes VPP allocate about 2^32 paths and abort: never send it.
            throw Invalid(operation, "Backends", "[]", "a non-empty list (a translation without backends would crash VPP; the entry is deleted instead)");
        }

        var connection = await GetConnectionAsync(cancellationToken);
        if (!connection.MessageTable.Offers(new CnatTranslationUpdate(translation).MessageName))
        {
            throw new DataplaneException($"{operation.Describe()}: {CnatMissing}.", "VNET_API_ERROR_UNIMPLEMENTED");
        }

        await connection.RequestAsync(new CnatTranslationUpdate(translation), cancellationToken);
        _services[ServiceKey(translation)] = service;
    }

    private async Task DeleteServiceAsync(DataplaneOperation operation, ServiceEntrySpec service, CancellationToken cancellationToken)
    {
        var wanted = ToTranslation(operation, service with { Backends = [] });
        var connection = await GetConnectionAsync(cancellationToken);
        if (!connection.MessageTable.Offers("cnat_translation_dump"))
        {
            throw new DataplaneException($"{operation.Describe()}: {CnatMissing}.", "VNET_API_ERROR_UNIMPLEMENTED");
        }

        var key = ServiceKey(wanted);
        var present = (await connection.DumpAsync(new CnatTranslationDump(), cancellationToken))
            .Select(d => CnatTranslation.From(d.Get<IReadOnlyDictionary<string, object?>>("translation")))
            .FirstOrDefault(t => ServiceKey(t) == key);
        if (present is not null)
        {
            try
            {
                await connection.RequestAsync(new CnatTranslationDel(present.Id), cancellationToken);
            }
            catch (DataplaneException ex) when (IsGone(ex))
            {
                // Already gone.
            }
        }

        _services.TryRemove(key, out _);
    }

    private static CnatTranslation ToTranslation(DataplaneOperation operation, ServiceEntrySpec service)
    {
        var vip = ParseAddress(operation, "Vip", service.Vip);
        if (service.Port is < 1 or > ushort.MaxValue)
        {
            throw Invalid(operation, "Port", service.Port.ToString(CultureInfo.InvariantCulture), "a port between 1 and 65535");
        }

        var proto = service.Protocol.ToUpperInvariant() switch
        {
            "TCP" => CnatTranslation.Tcp,
            "UDP" => CnatTranslation.Udp,
            "SCTP" => CnatTranslation.Sctp,
            _ => throw Invalid(operation, "Protocol", service.Protocol, "TCP, UDP or SCTP"),
        };
        var backends = new List<CnatEndpoint>();
        foreach (var backend in service.Backends)
        {
            if (!IPEndPoint.TryParse(backend, out var endpoint) || endpoint.Port == 0 || endpoint.AddressFamily != vip.AddressFamily)
            {
                throw Invalid(operation, "Backends", backend, $"an ip:port of the VIP's address family with a port");
            }

            backends.Add(new CnatEndpoint(endpoint.Address, (ushort)endpoint.Port));
        }

        return new CnatTranslation(new CnatEndpoint(vip, (ushort)service.Port), proto, backends);
    }

    private async Task RollbackAsync(VppApiConnection connection, string what, uint swIfIndex, IVppRequest undo)
    {
        try
        {
            await connection.RequestAsync(undo, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DataplaneException or VppApiException)
        {
            LogRollbackFailed(ex, what, swIfIndex);
        }
    }

    internal static string TunnelKey(VxlanTunnelV2Details tunnel) => $"{tunnel.Source}>{tunnel.Destination}#{tunnel.Vni}";

    internal static string ServiceKey(CnatTranslation translation) =>
        $"{translation.Vip.Address}:{translation.Vip.Port}/{translation.IpProto}";

    private static IPAddress ParseAddress(DataplaneOperation operation, string field, string value) =>
        IPAddress.TryParse(value, out var address) ? address : throw Invalid(operation, field, value, "an IP address");

    /// <summary>True for IPv6. The address is a host prefix or a bare address; an empty one means IPv4.</summary>
    private static bool ParseAddressFamily(DataplaneOperation operation, string address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        var text = address.Split('/')[0];
        return IPAddress.TryParse(text, out var parsed)
            ? parsed.AddressFamily is AddressFamily.InterNetworkV6
            : throw Invalid(operation, "Address", address, "an IP address or host prefix");
    }

    private static IPNetwork HostPrefix(IPAddress address) => new(address, address.AddressFamily is AddressFamily.InterNetworkV6 ? 128 : 32);

    private static IPNetwork ParsePrefix(DataplaneOperation operation, string prefix)
    {
        if (IPNetwork.TryParse(prefix, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(prefix, out var address)
            ? new IPNetwork(address, address.AddressFamily is AddressFamily.InterNetworkV6 ? 128 : 32)
            : throw Invalid(operation, "Prefix", prefix, "an IP prefix (address/length) whose host bits are zero");
    }
}
