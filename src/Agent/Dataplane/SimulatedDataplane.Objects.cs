using System.Net;
using System.Net.Sockets;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane;

public sealed partial class SimulatedDataplane
{
    private readonly Dictionary<uint, SimulatedInterface> _interfaces = [];
    private readonly Dictionary<string, uint> _tunnelsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _podInterfacesByTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint> _memifSockets = new(StringComparer.Ordinal) { ["/run/vpp/memif.sock"] = 0 };
    private readonly Dictionary<string, RouteSpec> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceEntrySpec> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyBindingSpec> _policies = new(StringComparer.Ordinal);
    private uint _nextMemifSocketId = 1;
    private uint _vxlanInstances;
    private uint _memifInstances;
    private uint _tapInstances;

    /// <summary>Memif socket files VPP listens on (socket id 0 is VPP's default socket), by path.</summary>
    public IReadOnlyDictionary<string, uint> MemifSockets
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, uint>(_memifSockets, StringComparer.Ordinal);
            }
        }
    }

    // vxlan_add_del_tunnel_v3 + sw_interface_set_table + sw_interface_set_flags, refused before anything is created.
    private void AddTunnel(TunnelSpec tunnel)
    {
        if (_tunnelsByKey.ContainsKey(tunnel.Key))
        {
            throw new DataplaneException($"vxlan_add_del_tunnel_v3: a tunnel {tunnel.Src} -> {tunnel.Dst} vni {tunnel.Vni} already exists.", "VNET_API_ERROR_TUNNEL_EXIST");
        }

        if (!IPAddress.TryParse(tunnel.Src, out var src) || !IPAddress.TryParse(tunnel.Dst, out var dst) || src.AddressFamily != dst.AddressFamily)
        {
            throw new DataplaneException($"vxlan_add_del_tunnel_v3: {tunnel.Src} -> {tunnel.Dst} is not a pair of addresses of one family.", "VNET_API_ERROR_INVALID_VALUE");
        }

        var underlay6 = src.AddressFamily == AddressFamily.InterNetworkV6;
        if (!_tables.ContainsKey((tunnel.EncapTableId, underlay6)))
        {
            throw new DataplaneException($"vxlan_add_del_tunnel_v3: encap {Family(underlay6)} table {tunnel.EncapTableId} does not exist.", "VNET_API_ERROR_NO_SUCH_FIB");
        }

        var table = DecapTable(tunnel.TableId)
            ?? throw new DataplaneException($"sw_interface_set_table: table {tunnel.TableId} does not exist.", "VNET_API_ERROR_NO_SUCH_FIB");
        var index = AllocateSwIfIndex();
        _interfaces[index] = new SimulatedInterface(index, $"vxlan_tunnel{_vxlanInstances++}") { Tunnel = tunnel, Table = table, AdminUp = true, LinkUp = true };
        _tunnelsByKey[tunnel.Key] = index;
    }

    private void DeleteTunnel(TunnelSpec tunnel)
    {
        var key = tunnel.Key;
        if (!_tunnelsByKey.Remove(key, out var index))
        {
            throw new DataplaneException($"vxlan_add_del_tunnel_v3: no tunnel {tunnel.Src} -> {tunnel.Dst} vni {tunnel.Vni}.", "VNET_API_ERROR_NO_SUCH_ENTRY");
        }

        RemoveInterface(index);
        RemoveRoutes(r => r.ViaTunnelKey == key);
    }

    // memif_socket_filename_add_del_v2 + memif_create (master) or tap_create_v3, then set_table and set_flags up.
    private void AddPodInterface(PodInterfaceSpec spec)
    {
        if (_podInterfacesByTag.ContainsKey(spec.Tag))
        {
            throw new DataplaneException($"An interface tagged \"{spec.Tag}\" already exists.", "VNET_API_ERROR_ENTRY_ALREADY_EXISTS");
        }

        var isIpv6 = IsIpv6Prefix(spec.Address);
        if (!_tables.ContainsKey((spec.TableId, isIpv6)))
        {
            throw new DataplaneException($"sw_interface_set_table: {Family(isIpv6)} table {spec.TableId} does not exist.", "VNET_API_ERROR_NO_SUCH_FIB");
        }

        string name;
        if (spec.Kind == PodInterfaceKind.Memif)
        {
            if (string.IsNullOrEmpty(spec.MemifSocket))
            {
                throw new DataplaneException($"memif_socket_filename_add_del_v2: {spec.Tag} has no socket file name.", "VNET_API_ERROR_INVALID_ARGUMENT");
            }

            if (_memifSockets.ContainsKey(spec.MemifSocket))
            {
                throw new DataplaneException($"memif_socket_filename_add_del_v2: socket \"{spec.MemifSocket}\" is already in use.", "VNET_API_ERROR_ENTRY_ALREADY_EXISTS");
            }

            _memifSockets[spec.MemifSocket] = _nextMemifSocketId;
            name = $"memif{_nextMemifSocketId++}/{_memifInstances++}";
        }
        else
        {
            name = $"tap{_tapInstances++}";
        }

        var index = AllocateSwIfIndex();
        var memif = spec.Kind == PodInterfaceKind.Memif;
        _interfaces[index] = new SimulatedInterface(index, name)
        {
            Pod = spec,
            Mac = spec.Mac ?? GeneratedMac(spec.Tag),
            Table = (spec.TableId, isIpv6),
            AdminUp = true,
            LinkUp = !memif, // a memif's link comes up when the pod's application connects
            AwaitingPeer = memif,
        };
        _podInterfacesByTag[spec.Tag] = index;
    }

    private void DeletePodInterface(PodInterfaceSpec spec)
    {
        if (!_podInterfacesByTag.Remove(spec.Tag, out var index))
        {
            throw new DataplaneException($"No interface tagged \"{spec.Tag}\".", "VNET_API_ERROR_INVALID_SW_IF_INDEX");
        }

        var removed = RemoveInterface(index);
        if (removed.Pod?.MemifSocket is { } socket)
        {
            _memifSockets.Remove(socket);
        }

        var tag = spec.Tag;
        RemoveRoutes(r => r.ViaInterfaceTag == tag);
        _policies.Remove(tag);
    }

    // sw_interface_set_unnumbered off, sw_interface_set_table, unnumbered to the new table's loopback: the interface stays.
    private void MovePodInterface(PodInterfaceSpec from, PodInterfaceSpec to)
    {
        if (!_podInterfacesByTag.TryGetValue(from.Tag, out var index))
        {
            throw new DataplaneException($"No interface tagged \"{from.Tag}\".", "VNET_API_ERROR_INVALID_SW_IF_INDEX");
        }

        var isIpv6 = IsIpv6Prefix(to.Address);
        if (!_tables.ContainsKey((to.TableId, isIpv6)))
        {
            throw new DataplaneException($"sw_interface_set_table: {Family(isIpv6)} table {to.TableId} does not exist.", "VNET_API_ERROR_NO_SUCH_FIB");
        }

        var moved = _interfaces[index];
        var tag = from.Tag;
        RemoveRoutes(r => r.ViaInterfaceTag == tag && r.TableId != to.TableId); // routes of the old table do not follow it
        moved.Table = (to.TableId, isIpv6);
        moved.Pod = moved.Pod! with { Network = to.Network, TableId = to.TableId, Address = to.Address };
    }

    // ip_route_add_del: an add of an existing prefix replaces its path.
    private void AddRoute(RouteSpec route)
    {
        var isIpv6 = IsIpv6Prefix(route.Prefix);
        if (!_tables.ContainsKey((route.TableId, isIpv6)))
        {
            throw new DataplaneException($"ip_route_add_del: {Family(isIpv6)} table {route.TableId} does not exist.", "VNET_API_ERROR_NO_SUCH_FIB");
        }

        if (route.ViaInterfaceTag is { } tag && !_podInterfacesByTag.ContainsKey(tag))
        {
            throw new DataplaneException($"ip_route_add_del: {route.Prefix} via unknown interface \"{tag}\".", "VNET_API_ERROR_INVALID_SW_IF_INDEX");
        }

        if (route.ViaTunnelKey is { } key && !_tunnelsByKey.ContainsKey(key))
        {
            throw new DataplaneException($"ip_route_add_del: {route.Prefix} via unknown tunnel {key}.", "VNET_API_ERROR_INVALID_SW_IF_INDEX");
        }

        if (route.ViaInterfaceTag is null && route.ViaTunnelKey is null)
        {
            throw new DataplaneException($"ip_route_add_del: {route.Prefix} has no path.", "VNET_API_ERROR_INVALID_VALUE");
        }

        _routes[route.Key] = route;
    }

    private void DeleteRoute(RouteSpec route)
    {
        if (!_routes.Remove(route.Key))
        {
            throw new DataplaneException($"ip_route_add_del: no route {route.Prefix} in table {route.TableId}.", "VNET_API_ERROR_NO_SUCH_ENTRY");
        }
    }

    // cnat_translation_update: an upsert keyed by the VIP and port.
    private void AddServiceEntry(ServiceEntrySpec service)
    {
        var isIpv6 = IsIpv6Address(service.Vip);
        if (!_tables.ContainsKey((service.TableId, isIpv6)))
        {
            throw new DataplaneException($"cnat_translation_update: {Family(isIpv6)} table {service.TableId} does not exist.", "VNET_API_ERROR_NO_SUCH_FIB");
        }

        if (service.Backends.IsEmpty)
        {
            // As the VPP driver: a translation without paths (n_paths = 0) is never sent, VPP would abort on it.
            throw new DataplaneException($"cnat_translation_update: {service.Vip}:{service.Port}/{service.Protocol} has no backends (n_paths = 0).",
                "VNET_API_ERROR_INVALID_VALUE");
        }

        _services[service.Key] = service;
    }

    private void DeleteServiceEntry(ServiceEntrySpec service)
    {
        if (!_services.Remove(service.Key))
        {
            throw new DataplaneException($"cnat_translation_del: no entry {service.Vip}:{service.Port}/{service.Protocol}.", "VNET_API_ERROR_NO_SUCH_ENTRY");
        }
    }

    private void BindPolicy(PolicyBindingSpec binding)
    {
        if (!_podInterfacesByTag.ContainsKey(binding.InterfaceTag))
        {
            throw new DataplaneException($"Policy bind: no interface tagged \"{binding.InterfaceTag}\".", "VNET_API_ERROR_INVALID_SW_IF_INDEX");
        }

        _policies[binding.InterfaceTag] = binding;
    }

    private SimulatedInterface RemoveInterface(uint index)
    {
        _interfaces.Remove(index, out var removed);
        return removed!;
    }

    private void RemoveRoutes(Func<RouteSpec, bool> predicate)
    {
        foreach (var key in _routes.Values.Where(predicate).Select(r => r.Key).ToList())
        {
            _routes.Remove(key);
        }
    }

    /// <summary>The table a tunnel decapsulates into: the IPv4 table of that id if there is one, else the IPv6 one.</summary>
    private (uint TableId, bool IsIpv6)? DecapTable(uint tableId) =>
        _tables.ContainsKey((tableId, false)) ? (tableId, false) : _tables.ContainsKey((tableId, true)) ? (tableId, true) : null;

    /// <summary>
    /// A locally administered unicast MAC in VPP's 02:fe:… form, derived from the interface's tag (FNV-1a) so that it is
    /// stable across re-creations and distinct across the cluster's pod interfaces.
    /// </summary>
    internal static string GeneratedMac(string tag)
    {
        var hash = 2166136261u;
        foreach (var c in tag)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return $"02:fe:{(byte)(hash >> 24):x2}:{(byte)(hash >> 16):x2}:{(byte)(hash >> 8):x2}:{(byte)hash:x2}";
    }

    private static bool IsIpv6Prefix(string prefix) => IsIpv6Address(prefix.Split('/')[0]);

    private static bool IsIpv6Address(string address) => IPAddress.TryParse(address, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6;
}
