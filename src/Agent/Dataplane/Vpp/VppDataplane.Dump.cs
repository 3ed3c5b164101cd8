using System.Net;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp.Messages;
using Multinet.Shared.Domain;

namespace Multinet.Agent.Dataplane.Vpp;

internal sealed partial class VppDataplane
{
    /// <summary>
    /// Reads VPP's state: <c>ip_table_dump</c>, <c>sw_interface_dump</c>, <c>vxlan_tunnel_v2_dump</c>, <c>memif_dump</c>,
    /// <c>memif_socket_filename_dump</c>, <c>sw_interface_tap_v2_dump</c>, <c>sw_interface_get_table</c> per interface of ours,
    /// <c>ip_route_dump</c> per table of ours and <c>cnat_translation_dump</c>. A plugin that is not loaded (vxlan, memif,
    /// cnat) contributes nothing rather than failing the dump. Only objects this product tagged are reported (tables: all).
    /// <para>Fields filled from VPP itself — the ones a diff can rely on, also after an agent restart:</para>
    /// <list type="bullet">
    /// <item><b>Tables</b>: every field (TableId, IsIpv6, Name).</item>
    /// <item><b>Tunnels</b> (tag <c>mn:t:…</c>): Src, Dst, Vni, EncapTableId (encap_vrf_id), TableId (sw_interface_get_table of
    /// the outer family), hence <see cref="TunnelSpec.Key"/>; Network and PeerNode from the tag (empty when the tag had to be
    /// hashed and this instance did not add the tunnel); SwIfIndex; Up = admin and link up.</item>
    /// <item><b>Pod interfaces</b> (tag <c>mn:…</c>, a memif or a tap): Kind, TableId (ip4 table, or the ip6 one when the
    /// address is IPv6 or the ip4 binding is 0), Namespace/Pod/Interface parsed from the tag (hence
    /// <see cref="PodInterfaceSpec.Tag"/>; empty for a hashed tag unknown to this instance), MemifSocket (memif), SwIfIndex,
    /// AdminUp, LinkUp, Role and Mode (memif), HostInterfaceName (tap), Mac (a tap's host side, the pod's interface; a memif's l2_address). Network, Address, Mac and Rx/TxQueues come from this
    /// instance's own adds; after a restart they are "", "", null and 1.</item>
    /// <item><b>Routes</b> (in tables named <c>multinet:…</c>; only host prefixes with a single path through one of our pod
    /// interfaces or tunnels, with no next hop or, as VPP reports attached host routes, the prefix's own address): Network (from the table name), TableId, Prefix (canonical <c>a.b.c.d/32</c>), and
    /// ViaInterfaceTag or ViaTunnelKey; Via from this instance's adds, else <c>ns/pod/iface</c> or the peer node.</item>
    /// <item><b>Services</b> (every cnat translation): Vip, Port, Protocol (upper case), Backends (<c>ip:port</c>, in VPP's
    /// order); Namespace, Name, Network and TableId from this instance's adds, else "", "", "" and 0 — cnat translations carry
    /// no owner and no VRF, so after a restart compare services on (Vip, Port, Protocol, Backends) and do not delete one
    /// whose Namespace is "" unless that key is unwanted.</item>
    /// <item><b>Policies</b>: pod interfaces holding our ACLs; their rules from this instance's binds (after a restart none,
    /// so the next pass binds them again in place). <b>Counters</b> (tunnels, pod interfaces): from VPP's stats segment
    /// (<see cref="VppStatsSegment"/>, the stats.sock next to the API socket); when it cannot be read they are zero and
    /// <see cref="DataplaneState.CountersError"/> says why.</item>
    /// </list>
    /// So an in-sync restart is zero operations when the diff compares tables on all fields, tunnels on (Key, EncapTableId,
    /// TableId), pod interfaces on (Tag, Kind, TableId), routes on (Key, ViaInterfaceTag, ViaTunnelKey) and services as above.
    /// </summary>
    public async Task<DataplaneState> DumpAsync(CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        var tables = await DumpTablesAsync(connection, cancellationToken);
        var interfaces = (await connection.DumpAsync(new SwInterfaceDump(), cancellationToken)).Select(SwInterfaceDetails.From)
            .ToDictionary(i => i.SwIfIndex);

        var (counters, countersError) = ReadCounters();
        var tunnels = (await DumpTunnelsAsync(connection, interfaces, cancellationToken))
            .Select(t => t with { Counters = counters.GetValueOrDefault(t.SwIfIndex) }).ToList();
        var pods = (await DumpPodInterfacesAsync(connection, interfaces, cancellationToken))
            .Select(p => p with { Counters = counters.GetValueOrDefault(p.SwIfIndex) }).ToList();
        var routes = await DumpRoutesAsync(connection, tables, tunnels, pods, cancellationToken);
        pods = WithAddressesFromRoutes(pods, routes);
        var services = await DumpServicesAsync(connection, cancellationToken);
        var policies = await DumpPoliciesAsync(connection, pods, cancellationToken);
        return new DataplaneState
        {
            Tables = [.. tables],
            Tunnels = [.. tunnels],
            Interfaces = [.. pods],
            Routes = [.. routes],
            Services = [.. services],
            Policies = [.. policies],
            CountersError = countersError,
        };
    }

    private async Task<List<ObservedTunnel>> DumpTunnelsAsync(VppApiConnection connection, Dictionary<uint, SwInterfaceDetails> interfaces,
        CancellationToken cancellationToken)
    {
        if (!connection.MessageTable.Offers("vxlan_tunnel_v2_dump"))
        {
            return [];
        }

        var details = (await connection.DumpAsync(new VxlanTunnelV2Dump(), cancellationToken)).Select(VxlanTunnelV2Details.From)
            .Where(t => interfaces.TryGetValue(t.SwIfIndex, out var i) && VppTags.IsTunnelTag(i.Tag));
        return [.. await Task.WhenAll(details.Select(async t =>
        {
            var sw = interfaces[t.SwIfIndex];
            // The table the tunnel decapsulates into: of the network's family, which need not be the outer one.
            var tableId = await GetTableAsync(connection, t.SwIfIndex, false, cancellationToken);
            if (tableId == 0)
            {
                tableId = await GetTableAsync(connection, t.SwIfIndex, true, cancellationToken);
            }

            if (!sw.IsAdminUp)
            {
                tableId = 0; // admin up is the last step of its create: one left half made (an agent killed) is replaced
            }

            var (network, peer) = _tunnels.TryGetValue(TunnelKey(t), out var known) ? (known.Network, known.PeerNode) : VppTags.ParseTunnelTag(sw.Tag);
            var spec = new TunnelSpec(network, peer, t.Vni, t.Source.ToString(), t.Destination.ToString(), t.EncapVrfId, tableId);
            return new ObservedTunnel(spec, t.SwIfIndex, sw.IsAdminUp && sw.IsLinkUp, default);
        }))];
    }

    private async Task<List<ObservedPodInterface>> DumpPodInterfacesAsync(VppApiConnection connection, Dictionary<uint, SwInterfaceDetails> interfaces,
        CancellationToken cancellationToken)
    {
        var hasMemif = connection.MessageTable.Offers("memif_dump");
        var memifs = hasMemif
            ? (await connection.DumpAsync(new MemifDump(), cancellationToken)).Select(MemifDetails.From).ToDictionary(m => m.SwIfIndex)
            : [];
        var sockets = hasMemif
            ? (await connection.DumpAsync(new MemifSocketFilenameDump(), cancellationToken)).Select(MemifSocketFilenameDetails.From)
                .ToDictionary(s => s.SocketId, s => s.SocketFilename)
            : [];
        var taps = connection.MessageTable.Offers("sw_interface_tap_v2_dump")
            ? (await connection.DumpAsync(new SwInterfaceTapV2Dump(), cancellationToken)).Select(SwInterfaceTapV2Details.From).ToDictionary(t => t.SwIfIndex)
            : [];

        var tableNames = (await DumpTablesAsync(connection, cancellationToken)).GroupBy(t => t.TableId).ToDictionary(g => g.Key, g => g.First().Name);
        var ours = interfaces.Values.Where(i => VppTags.IsPodTag(i.Tag) && (memifs.ContainsKey(i.SwIfIndex) || taps.ContainsKey(i.SwIfIndex)));
        return [.. await Task.WhenAll(ours.OrderBy(i => i.SwIfIndex).Select(async sw =>
        {
            var memif = memifs.GetValueOrDefault(sw.SwIfIndex);
            var kind = memif is not null ? PodInterfaceKind.Memif : PodInterfaceKind.Tap;
            var (identity, rxQueues, txQueues) = VppTags.ParsePodVppTag(sw.Tag);
            _interfaces.TryGetValue(identity, out var known);
            var preferIp6 = known is not null && known.Address.Split('/')[0] is var a && IPAddress.TryParse(a, out var address)
                && address.AddressFamily is AddressFamily.InterNetworkV6;
            var tableId = await GetTableAsync(connection, sw.SwIfIndex, preferIp6, cancellationToken);
            if (tableId == 0 && known is null)
            {
                tableId = await GetTableAsync(connection, sw.SwIfIndex, true, cancellationToken); // an IPv6 pod, before the restart
            }

            if (!sw.IsAdminUp)
            {
                tableId = 0; // admin up is the last step of its create: one left half made (an agent killed) is replaced
            }

            var socket = memif is not null ? sockets.GetValueOrDefault(memif.SocketId) : null;
            var (ns, pod, name) = VppTags.ParsePodTag(identity);
            var spec = (known ?? new PodInterfaceSpec(kind, ns, pod, name, DataplaneNames.NetworkOfTable(tableNames.GetValueOrDefault(tableId)) ?? "", tableId, "")) with
            {
                Kind = kind,
                TableId = tableId,
                MemifSocket = socket,
                RxQueues = rxQueues,
                TxQueues = txQueues,
            };
            return new ObservedPodInterface(spec, sw.SwIfIndex, sw.IsAdminUp, sw.IsLinkUp, default)
            {
                Role = memif?.RoleName,
                Mode = memif?.ModeName,
                HostInterfaceName = taps.GetValueOrDefault(sw.SwIfIndex)?.HostInterfaceName,
                Mac = taps.GetValueOrDefault(sw.SwIfIndex)?.HostMac ?? FormatMac(sw.L2Address),
            };
        }))];
    }

    private async Task<List<RouteSpec>> DumpRoutesAsync(VppApiConnection connection, IReadOnlyList<DataplaneTable> tables, List<ObservedTunnel> tunnels,
        List<ObservedPodInterface> pods, CancellationToken cancellationToken)
    {
        var viaTunnel = tunnels.ToDictionary(t => t.SwIfIndex, t => t.Spec);
        var viaPod = pods.ToDictionary(p => p.SwIfIndex, p => p.Spec);
        var ourTables = tables.Where(t => DataplaneNames.NetworkOfTable(t.Name) is not null).ToList();
        var dumps = await Task.WhenAll(ourTables.Select(t => connection.DumpAsync(new IpRouteDump(t.TableId, t.IsIpv6), cancellationToken)));

        var routes = new List<RouteSpec>();
        foreach (var (table, details) in ourTables.Zip(dumps))
        {
            var network = DataplaneNames.NetworkOfTable(table.Name)!;
            foreach (var route in details.Select(IpRouteDetails.From))
            {
                var isIp6 = route.Prefix.BaseAddress.AddressFamily is AddressFamily.InterNetworkV6;
                if (route.Prefix.PrefixLength != (isIp6 ? 128 : 32) || route.Paths is not [{ Type: FibPath.NormalType } path])
                {
                    routes.AddRange(AttachmentRoutesOf(network, table.TableId, route, viaPod)); // else connected, local, drop or special: not ours
                    continue;
                }

                // Ours: to a local pod through its interface, with the pod's address as next hop (VPP reports an attached host
                // route so too); to a remote pod through a tunnel, with the peer's loopback as next hop. The route to the peer's
                // loopback itself belongs to the tunnel.
                var spec = new RouteSpec(network, table.TableId, route.Prefix.ToString());
                if (viaPod.TryGetValue(path.SwIfIndex, out var pod) && (path.NextHop is null || path.NextHop.Equals(route.Prefix.BaseAddress)))
                {
                    spec = spec with { ViaInterfaceTag = pod.Tag, Via = $"{pod.Namespace}/{pod.Pod}/{pod.Interface}" };
                }
                else if (viaTunnel.TryGetValue(path.SwIfIndex, out var tunnel) && IPAddress.TryParse(tunnel.Dst, out var dst)
                    && PeerLoopbackAddress(dst, isIp6) is var peer && !route.Prefix.BaseAddress.Equals(peer) && (path.NextHop is null || path.NextHop.Equals(peer)))
                {
                    spec = spec with { ViaTunnelKey = tunnel.Key, Via = tunnel.PeerNode };
                }
                else
                {
                    routes.AddRange(AttachmentRoutesOf(network, table.TableId, route, viaPod)); // a host prefix of a NAD route, via a gateway
                    continue;
                }

                if (_routes.TryGetValue(spec.Key, out var known) && known.TableId == spec.TableId)
                {
                    spec = spec with { Network = known.Network, Via = known.Via };
                }

                routes.Add(spec);
            }
        }

        return routes;
    }

    private async Task<List<ServiceEntrySpec>> DumpServicesAsync(VppApiConnection connection, CancellationToken cancellationToken)
    {
        if (!connection.MessageTable.Offers("cnat_translation_dump"))
        {
            return [];
        }

        var translations = (await connection.DumpAsync(new CnatTranslationDump(), cancellationToken))
            .Select(d => CnatTranslation.From(d.Get<IReadOnlyDictionary<string, object?>>("translation")));
        return [.. translations.Select(t =>
        {
            var protocol = t.IpProto switch
            {
                CnatTranslation.Tcp => "TCP",
                CnatTranslation.Udp => "UDP",
                CnatTranslation.Sctp => "SCTP",
                _ => t.IpProto.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var backends = t.Backends.Select(b => new IPEndPoint(b.Address, b.Port)).ToList();
            if (_services.TryGetValue(ServiceKey(t), out var known))
            {
                // Keep the plan's spelling (e.g. "tcp", a long IPv6 form) when VPP holds the same values.
                var sameBackends = known.Backends.Select(b => IPEndPoint.TryParse(b, out var e) ? e : null).SequenceEqual(backends);
                return sameBackends ? known : known with { Backends = [.. backends.Select(b => b.ToString())] };
            }

            return new ServiceEntrySpec("", "", "", 0, t.Vip.Address.ToString(), t.Vip.Port, protocol) { Backends = [.. backends.Select(b => b.ToString())] };
        })];
    }

    /// <summary>A pod interface whose address this instance does not know takes it from the host route through it.</summary>
    private static List<ObservedPodInterface> WithAddressesFromRoutes(List<ObservedPodInterface> pods, List<RouteSpec> routes)
    {
        var routed = routes.Where(r => r.ViaInterfaceTag is not null && !r.Attachment).GroupBy(r => r.ViaInterfaceTag!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Prefix, StringComparer.Ordinal);
        return [.. pods.Select(p => p.Spec.Address.Length == 0 && routed.TryGetValue(p.Spec.Tag, out var prefix) ? p with { Spec = p.Spec with { Address = prefix } } : p)];
    }

    /// <summary>An interface's l2_address as <c>aa:bb:cc:dd:ee:ff</c>; null when VPP reports none (all zero).</summary>
    internal static string? FormatMac(byte[]? address) =>
        address is { Length: 6 } && address.Any(b => b != 0) ? string.Join(':', address.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) : null;

    private static async Task<uint> GetTableAsync(VppApiConnection connection, uint swIfIndex, bool isIp6, CancellationToken cancellationToken) =>
        (await connection.RequestAsync(new SwInterfaceGetTable(swIfIndex, isIp6), cancellationToken)).Get<uint>("vrf_id");
}
