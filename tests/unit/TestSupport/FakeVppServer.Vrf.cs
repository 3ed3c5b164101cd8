using System.Net;
using System.Net.Sockets;
using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.UnitTests.TestSupport;

internal sealed partial class FakeVppServer
{
    /// <summary>The stats segment and its socket (stats.sock beside api.sock); null when made without one.</summary>
    public FakeVppStats? Stats { get; }

    /// <summary>True once a request made the modelled VPP abort (a cnat translation without paths).</summary>
    public bool Crashed
    {
        get
        {
            lock (_model)
            {
                return _model.Crashed;
            }
        }
    }

    /// <summary>Routes the API added with their path's next hop: (table, prefix, path sw_if_index, next hop or null).</summary>
    public IReadOnlyList<(uint TableId, IPNetwork Prefix, uint SwIfIndex, IPAddress? NextHop)> RoutePaths
    {
        get
        {
            lock (_model)
            {
                return _model.RoutePaths;
            }
        }
    }

    /// <summary>
    /// Loopbacks, addresses, unnumbered bindings, MTU, IPv6 enable and the cnat feature, with VPP's checks
    /// (src/vnet/interface.c, interface_api.c, ip_api.c): an unknown sw_if_index -2, unnumbered across tables -74
    /// (vnet_sw_interface_check_table_same), a missing address on delete -60, a duplicate address -127.
    /// </summary>
    internal sealed partial class FakeVppModel
    {
        private uint _nextLoopbackInstance;

        public bool Crashed { get; private set; }

        public IReadOnlyList<(uint TableId, IPNetwork Prefix, uint SwIfIndex, IPAddress? NextHop)> RoutePaths =>
            [.. _routes.SelectMany(t => t.Value.Values.SelectMany(r => r.Paths.Select(p => (t.Key.TableId, r.Prefix, p.SwIfIndex, p.NextHop))))];

        private List<(string Name, Dictionary<string, object?> Fields)>? AnswerMore(VppMessage request,
            Func<int, string?, object?, List<(string Name, Dictionary<string, object?> Fields)>> reply,
            Func<IEnumerable<Dictionary<string, object?>>, List<(string Name, Dictionary<string, object?> Fields)>> details,
            Func<uint, bool, bool> tableExists)
        {
            var context = request.Context;
            FakeInterface? Find(string field) => _interfaces.GetValueOrDefault(request.Get<uint>(field));
            switch (request.Name)
            {
                case "create_loopback":
                {
                    var swIfIndex = _nextSwIfIndex++;
                    var mac = request.Get<byte[]>("mac_address");
                    _interfaces[swIfIndex] = new FakeInterface(swIfIndex, $"loop{_nextLoopbackInstance++}")
                    {
                        HasCarrier = true,
                        IsLoopback = true,
                        Mac = mac.Any(b => b != 0) ? mac : [0xde, 0xad, 0x00, 0x00, (byte)(swIfIndex >> 8), (byte)swIfIndex], // VPP's own when none is given
                    };
                    return reply(0, "sw_if_index", swIfIndex);
                }

                case "delete_loopback":
                {
                    if (Find("sw_if_index") is not { IsLoopback: true } loopback)
                    {
                        return reply(-2, null, null);
                    }

                    _interfaces.Remove(loopback.SwIfIndex);
                    foreach (var borrower in _interfaces.Values.Where(i => i.UnnumberedTo == loopback.SwIfIndex))
                    {
                        borrower.UnnumberedTo = null;
                    }

                    return reply(0, null, null);
                }

                case "sw_interface_set_unnumbered":
                {
                    if (Find("sw_if_index") is not { } numbered || Find("unnumbered_sw_if_index") is not { } borrower)
                    {
                        return reply(-2, null, null);
                    }

                    if (!request.Get<bool>("is_add"))
                    {
                        borrower.UnnumberedTo = null;
                        return reply(0, null, null);
                    }

                    if (numbered.Ip4Table != borrower.Ip4Table || numbered.Ip6Table != borrower.Ip6Table)
                    {
                        return reply(-74, null, null);
                    }

                    borrower.UnnumberedTo = numbered.SwIfIndex;
                    return reply(0, null, null);
                }

                case "ip_unnumbered_dump":
                {
                    var only = request.Get<uint>("sw_if_index");
                    return details(_interfaces.Values.Where(i => i.UnnumberedTo is not null && (only == Any || i.SwIfIndex == only))
                        .Select(i => new Dictionary<string, object?> { ["context"] = context, ["sw_if_index"] = i.SwIfIndex, ["ip_sw_if_index"] = i.UnnumberedTo!.Value }));
                }

                case "sw_interface_set_mtu":
                {
                    if (Find("sw_if_index") is not { } i)
                    {
                        return reply(-2, null, null);
                    }

                    i.L3Mtu = (uint)request.Get<object?[]>("mtu")[0]!;
                    return reply(0, null, null);
                }

                case "sw_interface_add_del_address":
                {
                    if (Find("sw_if_index") is not { } i)
                    {
                        return reply(-2, null, null);
                    }

                    var prefix = VppAddress.PrefixFrom(request.Get<IReadOnlyDictionary<string, object?>>("prefix"));
                    if (request.Get<bool>("is_add"))
                    {
                        if (i.Addresses.Contains(prefix))
                        {
                            return reply(-127, null, null);
                        }

                        i.Addresses.Add(prefix);
                        return reply(0, null, null);
                    }

                    return reply(i.Addresses.Remove(prefix) ? 0 : -60, null, null);
                }

                case "ip_address_dump":
                {
                    var ip6 = request.Get<bool>("is_ipv6");
                    if (Find("sw_if_index") is not { } i)
                    {
                        return details([]);
                    }

                    return details(i.Addresses.Where(a => (a.BaseAddress.AddressFamily is AddressFamily.InterNetworkV6) == ip6)
                        .Select(a => new Dictionary<string, object?> { ["context"] = context, ["sw_if_index"] = i.SwIfIndex, ["prefix"] = VppAddress.PrefixToFields(a) }));
                }

                case "sw_interface_ip6_enable_disable":
                {
                    if (Find("sw_if_index") is not { } i)
                    {
                        return reply(-2, null, null);
                    }

                    i.Ip6Enabled = request.Get<bool>("enable");
                    return reply(0, null, null);
                }

                case "feature_cnat_enable_disable":
                {
                    if (Find("sw_if_index") is not { } i)
                    {
                        return reply(-2, null, null);
                    }

                    _cnatInUse = true;
                    i.CnatFeature = request.Get<bool>("enable_disable");
                    return reply(0, null, null);
                }

                default:
                    return AnswerAcl(request, reply, details);
            }
        }
    }
}
