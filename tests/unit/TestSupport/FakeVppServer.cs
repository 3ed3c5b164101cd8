using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Multinet.Agent.Dataplane;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.UnitTests.TestSupport;

/// <summary>
/// A VPP on a real Unix domain socket in a temp directory: it speaks the msgbuf_t framing, answers sockclnt_create
/// (id 15) with a message table (id 16, then every defined message from 100 on), and answers ip_table_add_del,
/// ip_table_dump and control_ping like VPP, over the tables of a <see cref="SimulatedDataplane"/>. Interfaces (vxlan
/// tunnels, memifs and their sockets, taps: sw_if_index allocation from 1, names, tags, flags, table bindings), node
/// arcs, routes and cnat translations are held by <see cref="FakeVppModel"/>, which answers their messages with VPP's
/// retvals. Requests it does not model are answered with retval -9 (UNIMPLEMENTED). Records every message name it
/// receives. Its state outlives client connections, as VPP's outlives an agent restart.
/// </summary>
internal sealed partial class FakeVppServer : IAsyncDisposable
{
    private readonly VppApiSchema _schema = VppApiSchema.Embedded;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string _directory = Directory.CreateTempSubdirectory("mnvpp-").FullName;
    private readonly Dictionary<string, ushort> _advertised = new(StringComparer.Ordinal);
    private readonly Dictionary<ushort, VppMessageDefinition> _byId = [];
    private readonly ConcurrentQueue<string> _received = new();
    private readonly ConcurrentDictionary<Socket, Task> _clients = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _silenced = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly FakeVppModel _model = new();

    /// <param name="state">The tables VPP holds; kept by the caller to outlive this server or inspect it.</param>
    /// <param name="crcOverrides">Messages advertised under another CRC (name → name_crc), as a VPP of another version would.</param>
    /// <param name="withoutPlugins">Message name prefixes (e.g. "cnat_") left out of the message table, as when a plugin is not loaded.</param>
    /// <param name="withoutStats">No stats socket beside the API socket, as a VPP without <c>statseg { socket-name }</c>.</param>
    public FakeVppServer(SimulatedDataplane? state = null, IReadOnlyDictionary<string, string>? crcOverrides = null,
        IReadOnlyCollection<string>? withoutPlugins = null, bool withoutStats = false)
    {
        Stats = withoutStats ? null : new FakeVppStats(_directory);
        State = state ?? new SimulatedDataplane();
        SocketPath = Path.Combine(_directory, "api.sock");
        ushort next = 100;
        foreach (var definition in _schema.Messages.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var id = definition.Name switch
            {
                "sockclnt_create" => VppApiConnection.SockclntCreateId,
                "sockclnt_create_reply" => VppApiConnection.SockclntCreateReplyId,
                _ => next++,
            };
            _byId[id] = definition;
            if (withoutPlugins?.Any(p => definition.Name.StartsWith(p, StringComparison.Ordinal)) != true)
            {
                _advertised[crcOverrides?.GetValueOrDefault(definition.Name) ?? definition.NameCrc] = id;
            }
        }

        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen();
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    public string SocketPath { get; }

    public SimulatedDataplane State { get; }

    public IReadOnlyList<string> Received => [.. _received];

    /// <summary>The interfaces VPP holds now, local0 first.</summary>
    public IReadOnlyList<FakeInterface> Interfaces
    {
        get
        {
            lock (_model)
            {
                return _model.Interfaces;
            }
        }
    }

    /// <summary>Routes the API added: (table, prefix, path sw_if_index).</summary>
    public IReadOnlyList<(uint TableId, IPNetwork Prefix, uint SwIfIndex)> Routes
    {
        get
        {
            lock (_model)
            {
                return _model.Routes;
            }
        }
    }

    public IReadOnlyDictionary<uint, string> MemifSockets
    {
        get
        {
            lock (_model)
            {
                return _model.MemifSockets;
            }
        }
    }

    public IReadOnlyList<FakeInterface> CnatInterfacesInUnsizedTables
    {
        get
        {
            lock (_model)
            {
                return _model.CnatInterfacesInUnsizedTables;
            }
        }
    }

    public IReadOnlyList<CnatTranslation> Translations
    {
        get
        {
            lock (_model)
            {
                return _model.Translations;
            }
        }
    }

    /// <summary>Runs <paramref name="change"/> on VPP's state, as an operator with vppctl would.</summary>
    public void Modify(Action<FakeVppModel> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_model)
        {
            change(_model);
        }
    }

    public int CountOf(string name) => _received.Count(n => n == name);

    /// <summary>Answers <paramref name="name"/> again, as VPP would to a new client after the one it never answered is gone.</summary>
    public void Unsilence(string name) => _silenced.TryRemove(name, out _);

    /// <summary>From now on, <paramref name="name"/> is never answered; the task completes when one arrives.</summary>
    public Task Silence(string name) => _silenced.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Closes every client connection, as a VPP restart does; the server keeps listening.</summary>
    public async Task DropClientsAsync()
    {
        foreach (var (client, task) in _clients)
        {
            client.Shutdown(SocketShutdown.Both);
            client.Dispose();
            await task;
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptAsync(cancellationToken);
                _clients[client] = ServeAsync(client, cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reader = ReadFramesAsync(client, frames.Writer, cancellationToken);
        try
        {
            while (await frames.Reader.WaitToReadAsync(cancellationToken) && frames.Reader.TryRead(out var frame))
            {
                var definition = _byId[VppCodec.ReadMessageId(frame)];
                var request = VppCodec.Decode(definition, frame);
                _received.Enqueue(definition.Name);
                if (_silenced.TryGetValue(definition.Name, out var silenced))
                {
                    silenced.TrySetResult();
                    continue;
                }

                if (definition.Name == "cli_inband")
                {
                    await RunCliAsync(request, frames.Reader, cancellationToken);
                }

                foreach (var (name, fields) in await AnswerAsync(request, cancellationToken))
                {
                    var reply = _schema.GetMessage(name);
                    await VppSocketFraming.WriteAsync(client, VppCodec.Encode(reply, _advertised[reply.NameCrc], fields), cancellationToken);
                }

                if (Crashed)
                {
                    break; // as a VPP that aborted: the connection closes
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _clients.TryRemove(client, out _);
            client.Dispose();
            await reader;
        }
    }

    private async Task<List<(string Name, Dictionary<string, object?> Fields)>> AnswerAsync(VppMessage request, CancellationToken cancellationToken)
    {
        var context = request.Context;
        switch (request.Name)
        {
            case "sockclnt_create":
                var table = new SockclntCreateReply(0, 7, _advertised);
                return [("sockclnt_create_reply", new Dictionary<string, object?>(table.ToFields(context)))];
            case "cli_inband":
                return [AnswerCli(request)];
            case "control_ping":
                return [("control_ping_reply", new() { ["context"] = context, ["client_index"] = 7u, ["vpe_pid"] = 4242u })];
            case "ip_table_dump":
                return [.. State.Tables.Select(t => ("ip_table_details", new Dictionary<string, object?>
                {
                    ["context"] = context,
                    ["table"] = new IpTable(t.TableId, t.IsIpv6, t.Name).ToFields(),
                }))];
            case "ip_table_add_del":
                var ipTable = IpTable.From(request.Get<IReadOnlyDictionary<string, object?>>("table"));
                var retval = 0;
                try
                {
                    var dataplaneTable = new Multinet.Shared.Domain.DataplaneTable(ipTable.TableId, ipTable.IsIp6, ipTable.Name);
                    await (request.Get<bool>("is_add")
                        ? State.AddTableAsync(dataplaneTable, cancellationToken)
                        : State.DeleteTableAsync(dataplaneTable, cancellationToken));
                }
                catch (DataplaneException ex)
                {
                    retval = VppApiErrors.Code(ex.ApiError);
                }

                return [("ip_table_add_del_reply", new() { ["context"] = context, ["retval"] = retval })];
            default:
                lock (_model)
                {
                    if (_model.Answer(request, State) is { } answer)
                    {
                        return answer;
                    }
                }

                return _schema.Messages.ContainsKey(request.Name + "_reply")
                    ? [(request.Name + "_reply", new() { ["context"] = context, ["retval"] = -9 })]
                    : [];
        }
    }

    /// <summary>An interface as the fake VPP holds it: the sw_interface fields plus what its kind (vxlan, memif, tap) adds.</summary>
    internal sealed class FakeInterface(uint swIfIndex, string name)
    {
        public uint SwIfIndex { get; } = swIfIndex;

        public string Name { get; } = name;

        public string Tag { get; set; } = "";

        public bool AdminUp { get; set; }

        /// <summary>Taps and tunnels have link when admin up; a memif only when a slave connects, which never happens here.</summary>
        public bool HasCarrier { get; init; }

        public uint Ip4Table { get; set; }

        public uint Ip6Table { get; set; }

        public byte[] Mac { get; init; } = new byte[6];

        public VxlanTunnelV2Details? Vxlan { get; init; }

        /// <summary>For a tunnel: created with is_l3 (an IP interface without a MAC) rather than as an ethernet one.</summary>
        public bool IsL3 { get; init; }

        public MemifDetails? Memif { get; init; }

        public SwInterfaceTapV2Details? Tap { get; init; }

        /// <summary>The interface it borrows its address from (sw_interface_set_unnumbered); null when numbered.</summary>
        public uint? UnnumberedTo { get; set; }

        /// <summary>L3 MTU (sw_interface_set_mtu); VPP creates an L3 VXLAN tunnel with 0.</summary>
        public uint L3Mtu { get; set; }

        public bool Ip6Enabled { get; set; }

        public bool CnatFeature { get; set; }

        public bool IsLoopback { get; init; }

        public List<IPNetwork> Addresses { get; } = [];

        /// <summary>IPv4 forwards only when enabled: an address, or unnumbered to an interface (VPP's ip4-not-enabled otherwise).</summary>
        public bool Ip4Enabled => Addresses.Any(a => a.BaseAddress.AddressFamily is AddressFamily.InterNetwork) || UnnumberedTo is not null;

        public uint Flags => (AdminUp ? SwInterfaceSetFlags.AdminUp : 0) | (AdminUp && HasCarrier ? SwInterfaceSetFlags.LinkUp : 0);
    }

    /// <summary>
    /// VPP's interfaces, routes, memif sockets and cnat translations, with the retvals VPP gives (read from its sources):
    /// unknown sw_if_index -2, missing table -3 (set_table, vxlan encap, routes), missing entry -6, empty tag -7, set_table of
    /// an interface that holds or borrows an address of that family -114,
    /// unknown node -63/-64, bad argument -73, memif socket in use -74, duplicate tunnel -75, bad decap next -76, duplicate memif -79.
    /// </summary>
    internal sealed partial class FakeVppModel
    {
        private const uint Any = uint.MaxValue;
        private readonly SortedDictionary<uint, FakeInterface> _interfaces = new() { [0] = new FakeInterface(0, "local0") };
        private readonly Dictionary<(uint TableId, bool IsIp6), SortedDictionary<string, (IPNetwork Prefix, List<FibPath> Paths)>> _routes = [];
        private readonly SortedDictionary<uint, string> _memifSockets = new() { [0] = "/run/vpp/memif.sock" };
        private readonly SortedDictionary<uint, CnatTranslation> _translations = [];
        private readonly Dictionary<string, List<string>> _nodeNexts = new(StringComparer.Ordinal)
        {
            ["vxlan4-input"] = ["error-drop", "l2-input"],
            ["vxlan6-input"] = ["error-drop", "l2-input"],
        };

        private static readonly HashSet<string> s_nodes = new(StringComparer.Ordinal) { "vxlan4-input", "vxlan6-input", "ip4-input", "ip6-input", "error-drop", "l2-input" };
        /// <summary>
        /// The cnat plugin's per-table session counters: sized for table 0 at start, and for each table an interface is bound
        /// to after the plugin's first use (feature enable or translation); a session in any other table aborts VPP.
        /// </summary>
        private readonly HashSet<(uint TableId, bool IsIp6)> _cnatSizedTables = [(0, false), (0, true)];
        private bool _cnatInUse;
        private uint _nextSwIfIndex = 1;
        private uint _nextTranslation;

        public IReadOnlyList<FakeInterface> Interfaces => [.. _interfaces.Values];

        public IReadOnlyDictionary<uint, string> MemifSockets => new Dictionary<uint, string>(_memifSockets);

        public IReadOnlyList<CnatTranslation> Translations => [.. _translations.Values];

        /// <summary>Interfaces with the cnat feature whose table the plugin never sized: their first packet would abort VPP.</summary>
        public IReadOnlyList<FakeInterface> CnatInterfacesInUnsizedTables =>
            [.. _interfaces.Values.Where(i => i.CnatFeature && !(_cnatSizedTables.Contains((i.Ip4Table, false)) && _cnatSizedTables.Contains((i.Ip6Table, true))))];

        public IReadOnlyList<(uint TableId, IPNetwork Prefix, uint SwIfIndex)> Routes =>
            [.. _routes.SelectMany(t => t.Value.Values.SelectMany(r => r.Paths.Select(p => (t.Key.TableId, r.Prefix, p.SwIfIndex))))];

        /// <summary>Adds an interface someone else created; <paramref name="create"/> gets its sw_if_index.</summary>
        public FakeInterface AddInterface(Func<uint, FakeInterface> create)
        {
            ArgumentNullException.ThrowIfNull(create);
            var added = create(_nextSwIfIndex++);
            _interfaces[added.SwIfIndex] = added;
            return added;
        }

        /// <summary>Adds a route someone else created, through <paramref name="swIfIndex"/>.</summary>
        public void AddRoute(uint tableId, IPNetwork prefix, uint swIfIndex, IPAddress? nextHop = null)
        {
            var ip6 = prefix.BaseAddress.AddressFamily is System.Net.Sockets.AddressFamily.InterNetworkV6;
            var table = _routes.TryGetValue((tableId, ip6), out var t) ? t : _routes[(tableId, ip6)] = new(StringComparer.Ordinal);
            table[prefix.ToString()] = (prefix, [new FibPath(swIfIndex, tableId, nextHop) { IsIp6 = ip6 }]);
        }

        /// <summary>The reply (or details) for a modelled message; null for messages the model does not know.</summary>
        public List<(string Name, Dictionary<string, object?> Fields)>? Answer(VppMessage request, SimulatedDataplane tables)
        {
            var context = request.Context;
            List<(string, Dictionary<string, object?>)> Reply(int retval, string? field = null, object? value = null)
            {
                var fields = new Dictionary<string, object?> { ["context"] = context, ["retval"] = retval };
                if (field is not null)
                {
                    fields[field] = value;
                }

                return [(request.Name + "_reply", fields)];
            }

            List<(string, Dictionary<string, object?>)> Details(IEnumerable<Dictionary<string, object?>> items) =>
                [.. items.Select(i => (request.Name[..^"_dump".Length] + "_details", i))];

            bool TableExists(uint id, bool ip6) => tables.Tables.Any(t => t.TableId == id && t.IsIpv6 == ip6);

            FakeInterface? Find(string field) => _interfaces.GetValueOrDefault(request.Get<uint>(field));

            switch (request.Name)
            {
                case "sw_interface_dump":
                {
                    var only = request.Get<uint>("sw_if_index");
                    return Details(_interfaces.Values.Where(i => only == Any || i.SwIfIndex == only).Select(i => new Dictionary<string, object?>
                    {
                        ["context"] = context,
                        ["sw_if_index"] = i.SwIfIndex,
                        ["sup_sw_if_index"] = i.SwIfIndex,
                        ["l2_address"] = i.Mac,
                        ["flags"] = i.Flags,
                        ["link_mtu"] = (ushort)9000,
                        ["interface_name"] = i.Name,
                        ["interface_dev_type"] = i.Vxlan is not null ? "VXLAN" : i.Memif is not null ? "memif" : i.Tap is not null ? "virtio" : "local",
                        ["tag"] = i.Tag,
                    }));
                }

                case "sw_interface_tag_add_del":
                {
                    if (Find("sw_if_index") is not { } i)
                    {
                        return Reply(-2);
                    }

                    var tag = request.Get<string>("tag");
                    if (request.Get<bool>("is_add") && tag.Length == 0)
                    {
                        return Reply(-7);
                    }

                    i.Tag = request.Get<bool>("is_add") ? tag : "";
                    return Reply(0);
                }

                case "sw_interface_set_table":
                {
                    if (Find("sw_if_index") is not { } i)
                    {
                        return Reply(-2);
                    }

                    var ip6 = request.Get<bool>("is_ipv6");
                    var vrf = request.Get<uint>("vrf_id");
                    if (!TableExists(vrf, ip6))
                    {
                        return Reply(-3);
                    }

                    // ip_table_bind: an interface holding an address of the family, or borrowing one (unnumbered), is not rebound.
                    var holder = i.UnnumberedTo is { } lender ? _interfaces.GetValueOrDefault(lender) : i;
                    if (holder?.Addresses.Any(a => (a.BaseAddress.AddressFamily is AddressFamily.InterNetworkV6) == ip6) == true)
                    {
                        return Reply(-114);
                    }

                    if (ip6)
                    {
                        i.Ip6Table = vrf;
                    }
                    else
                    {
                        i.Ip4Table = vrf;
                    }

                    if (_cnatInUse)
                    {
                        _cnatSizedTables.Add((vrf, ip6));
                    }

                    return Reply(0);
                }

                case "sw_interface_get_table":
                    return Find("sw_if_index") is { } bound
                        ? Reply(0, "vrf_id", request.Get<bool>("is_ipv6") ? bound.Ip6Table : bound.Ip4Table)
                        : Reply(-2, "vrf_id", 0u);

                case "sw_interface_set_flags":
                {
                    if (Find("sw_if_index") is not { } i)
                    {
                        return Reply(-2);
                    }

                    i.AdminUp = (request.Get<uint>("flags") & SwInterfaceSetFlags.AdminUp) != 0;
                    return Reply(0);
                }

                case "add_node_next":
                {
                    var node = request.Get<string>("node_name");
                    var next = request.Get<string>("next_name");
                    if (!_nodeNexts.TryGetValue(node, out var nexts))
                    {
                        return Reply(-63, "next_index", Any);
                    }

                    if (!s_nodes.Contains(next))
                    {
                        return Reply(-64, "next_index", Any);
                    }

                    if (!nexts.Contains(next))
                    {
                        nexts.Add(next);
                    }

                    return Reply(0, "next_index", (uint)nexts.IndexOf(next));
                }

                case "vxlan_add_del_tunnel_v3":
                    return AddDelVxlan(request, Reply, TableExists);

                case "vxlan_tunnel_v2_dump":
                {
                    var only = request.Get<uint>("sw_if_index");
                    return Details(_interfaces.Values.Where(i => i.Vxlan is not null && (only == Any || i.SwIfIndex == only))
                        .Select(i => i.Vxlan!.ToFields(context)));
                }

                case "memif_socket_filename_add_del_v2":
                {
                    var id = request.Get<uint>("socket_id");
                    if (id == 0)
                    {
                        return Reply(-73, "socket_id", id);
                    }

                    if (request.Get<bool>("is_add"))
                    {
                        if (id == Any)
                        {
                            id = 1;
                            while (_memifSockets.ContainsKey(id))
                            {
                                id++;
                            }
                        }
                        else if (_memifSockets.ContainsKey(id))
                        {
                            return Reply(-73, "socket_id", id);
                        }

                        _memifSockets[id] = request.Get<string>("socket_filename");
                        return Reply(0, "socket_id", id);
                    }

                    if (!_memifSockets.ContainsKey(id))
                    {
                        return Reply(-73, "socket_id", id);
                    }

                    if (_interfaces.Values.Any(i => i.Memif?.SocketId == id))
                    {
                        return Reply(-74, "socket_id", id);
                    }

                    _memifSockets.Remove(id);
                    return Reply(0, "socket_id", id);
                }

                case "memif_socket_filename_dump":
                    return Details(_memifSockets.Select(s => new MemifSocketFilenameDetails(s.Key, s.Value).ToFields(context)));

                case "memif_create_v2":
                {
                    var socketId = request.Get<uint>("socket_id");
                    var id = request.Get<uint>("id");
                    if (!_memifSockets.ContainsKey(socketId))
                    {
                        return Reply(-73, "sw_if_index", Any);
                    }

                    // As VPP: the socket is created when its first memif is; an absolute path needs its directory (-14 otherwise).
                    if (Path.GetDirectoryName(_memifSockets[socketId]) is { Length: > 0 } directory && Path.IsPathRooted(directory) && !Directory.Exists(directory))
                    {
                        return Reply(-14, "sw_if_index", Any);
                    }

                    if (_interfaces.Values.Any(i => i.Memif is { } m && m.SocketId == socketId && m.Id == id))
                    {
                        return Reply(-79, "sw_if_index", Any);
                    }

                    var swIfIndex = _nextSwIfIndex++;
                    var mac = request.Get<byte[]>("hw_addr") is { } given && given.Any(b => b != 0) ? given : RandomMac(swIfIndex);
                    var name = $"memif{socketId}/{id}";
                    _interfaces[swIfIndex] = new FakeInterface(swIfIndex, name)
                    {
                        Mac = mac,
                        Memif = new MemifDetails(swIfIndex, id, request.Get<uint>("role"), request.Get<uint>("mode"), socketId, 0, name)
                        {
                            HardwareAddress = mac,
                            RingSize = request.Get<uint>("ring_size"),
                            BufferSize = request.Get<ushort>("buffer_size"),
                        },
                    };
                    return Reply(0, "sw_if_index", swIfIndex);
                }

                case "memif_dump":
                    return Details(_interfaces.Values.Where(i => i.Memif is not null).Select(i => (i.Memif! with { Flags = i.Flags }).ToFields(context)));

                case "memif_delete":
                case "tap_delete_v2":
                {
                    var i = Find("sw_if_index");
                    if (i is null || (request.Name == "memif_delete" ? i.Memif : (object?)i.Tap) is null)
                    {
                        return Reply(-2);
                    }

                    _interfaces.Remove(i.SwIfIndex);
                    AclBindings.Remove(i.SwIfIndex); // as the ACL plugin's interface delete hook
                    return Reply(0);
                }

                case "tap_create_v3":
                {
                    var id = request.Get<uint>("id");
                    if (id == Any)
                    {
                        id = 0;
                        while (_interfaces.Values.Any(i => i.Tap?.Id == id))
                        {
                            id++;
                        }
                    }
                    else if (_interfaces.Values.Any(i => i.Tap?.Id == id))
                    {
                        return Reply(-79, "sw_if_index", Any);
                    }

                    var swIfIndex = _nextSwIfIndex++;
                    var hostName = request.Get<bool>("host_if_name_set") ? request.Get<string>("host_if_name") : $"tap{id}";
                    if (_interfaces.Values.Any(i => i.Tap?.HostInterfaceName == hostName))
                    {
                        return Reply(-11, "sw_if_index", Any); // the kernel refuses a second interface of that name
                    }

                    _interfaces[swIfIndex] = new FakeInterface(swIfIndex, $"tap{id}")
                    {
                        Tag = request.Get<string>("tag"),
                        HasCarrier = true,
                        Mac = request.Get<bool>("use_random_mac") ? RandomMac(swIfIndex) : request.Get<byte[]>("mac_address"),
                        Tap = new SwInterfaceTapV2Details(swIfIndex, id, $"tap{id}", hostName,
                            request.Get<bool>("host_namespace_set") ? request.Get<string>("host_namespace") : "")
                        {
                            // The kernel gives the host side a random MAC unless VPP is told one.
                            HostMac = VppDataplane.FormatMac(request.Get<bool>("host_mac_addr_set") ? request.Get<byte[]>("host_mac_addr") : HostSideMac(swIfIndex)),
                        },
                    };
                    return Reply(0, "sw_if_index", swIfIndex);
                }

                case "sw_interface_tap_v2_dump":
                {
                    var only = request.Get<uint>("sw_if_index");
                    return Details(_interfaces.Values.Where(i => i.Tap is not null && (only == Any || i.SwIfIndex == only)).Select(i => i.Tap!.ToFields(context)));
                }

                case "ip_route_add_del":
                    return AddDelRoute(request, Reply, TableExists);

                case "ip_route_dump":
                {
                    var t = IpTable.From(request.Get<IReadOnlyDictionary<string, object?>>("table"));
                    if (!TableExists(t.TableId, t.IsIp6))
                    {
                        return [];
                    }

                    // As VPP: every table holds its special drop entries besides what the API added.
                    IEnumerable<string> specials = t.IsIp6 ? ["::/0"] : ["0.0.0.0/0", "0.0.0.0/32", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32"];
                    var drops = specials.Select(p => (Prefix: IPNetwork.Parse(p), Paths: new List<FibPath> { new(Any, 0, null) { IsIp6 = t.IsIp6, Type = 2 } }));
                    IEnumerable<(IPNetwork Prefix, List<FibPath> Paths)> added = _routes.TryGetValue((t.TableId, t.IsIp6), out var routes) ? routes.Values : [];
                    return Details(drops.Concat(added).Select(r => new IpRouteDetails(t.TableId, r.Prefix, r.Paths).ToFields(context)));
                }

                case "cnat_translation_update":
                {
                    _cnatInUse = true;
                    var translation = CnatTranslation.From(request.Get<IReadOnlyDictionary<string, object?>>("translation"));
                    if (translation.Backends.Count == 0)
                    {
                        // VPP allocates about 2^32 paths for n_paths = 0 and aborts: no reply, the process is gone.
                        Crashed = true;
                        return [];
                    }

                    if (translation.IpProto is not (CnatTranslation.Tcp or CnatTranslation.Udp or CnatTranslation.Sctp))
                    {
                        return Reply(-73, "id", Any);
                    }

                    var existing = _translations.Values.FirstOrDefault(t =>
                        t.Vip == translation.Vip && t.IpProto == translation.IpProto);
                    var id = existing?.Id ?? _nextTranslation++;
                    _translations[id] = translation with { Id = id };
                    return Reply(0, "id", id);
                }

                case "cnat_translation_del":
                    return Reply(_translations.Remove(request.Get<uint>("id")) ? 0 : -6);

                case "cnat_translation_dump":
                    return Details(_translations.Values.Select(t => new Dictionary<string, object?> { ["context"] = context, ["translation"] = t.ToFields() }));

                default:
                    return AnswerMore(request, Reply, Details, TableExists);
            }
        }

        private List<(string, Dictionary<string, object?>)> AddDelVxlan(VppMessage request,
            Func<int, string?, object?, List<(string, Dictionary<string, object?>)>> reply, Func<uint, bool, bool> tableExists)
        {
            var src = VppAddress.From(request.Get<IReadOnlyDictionary<string, object?>>("src_address"));
            var dst = VppAddress.From(request.Get<IReadOnlyDictionary<string, object?>>("dst_address"));
            var vni = request.Get<uint>("vni");
            var encap = request.Get<uint>("encap_vrf_id");
            var ip6 = src.AddressFamily is System.Net.Sockets.AddressFamily.InterNetworkV6;
            if (!tableExists(encap, ip6))
            {
                return reply(-3, "sw_if_index", Any);
            }

            var existing = _interfaces.Values.FirstOrDefault(i =>
                i.Vxlan is { } v && v.Source.Equals(src) && v.Destination.Equals(dst) && v.Vni == vni && v.EncapVrfId == encap);
            if (!request.Get<bool>("is_add"))
            {
                if (existing is null)
                {
                    return reply(-6, "sw_if_index", Any);
                }

                _interfaces.Remove(existing.SwIfIndex);
                return reply(0, "sw_if_index", existing.SwIfIndex);
            }

            if (existing is not null)
            {
                return reply(-75, "sw_if_index", Any);
            }

            var decap = request.Get<uint>("decap_next_index");
            if (decap == Any)
            {
                decap = 1; // l2-input
            }

            if (decap >= _nodeNexts[ip6 ? "vxlan6-input" : "vxlan4-input"].Count)
            {
                return reply(-76, "sw_if_index", Any);
            }

            var instance = request.Get<uint>("instance");
            if (instance == Any)
            {
                instance = 0;
                while (_interfaces.Values.Any(i => i.Vxlan?.Instance == instance))
                {
                    instance++;
                }
            }

            var swIfIndex = _nextSwIfIndex++;
            var isL3 = request.Get<bool>("is_l3");
            _interfaces[swIfIndex] = new FakeInterface(swIfIndex, $"vxlan_tunnel{instance}")
            {
                HasCarrier = true,
                IsL3 = isL3,
                Mac = isL3 ? new byte[6] : RandomMac(swIfIndex),
                Vxlan = new VxlanTunnelV2Details(swIfIndex, instance, src, dst, encap, decap, vni)
                {
                    SourcePort = request.Get<ushort>("src_port"),
                    DestinationPort = request.Get<ushort>("dst_port"),
                },
            };
            return reply(0, "sw_if_index", swIfIndex);
        }

        private static byte[] RandomMac(uint seed) => [0x02, 0xfe, 0x00, 0x00, (byte)(seed >> 8), (byte)seed];

        private static byte[] HostSideMac(uint seed) => [0x0a, 0x58, 0x00, 0x00, (byte)(seed >> 8), (byte)seed];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        if (Stats is not null)
        {
            await Stats.DisposeAsync();
        }

        await _acceptLoop;
        foreach (var (client, task) in _clients)
        {
            client.Dispose();
            await task;
        }

        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
