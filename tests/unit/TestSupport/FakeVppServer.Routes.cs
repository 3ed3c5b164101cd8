using Multinet.Agent.Dataplane.Vpp;
using Multinet.Agent.Dataplane.Vpp.Messages;

namespace Multinet.UnitTests.TestSupport;

internal sealed partial class FakeVppServer
{
    /// <summary>
    /// <c>ip_route_add_del</c> as VPP's fib_api_route_add_del (src/vnet/fib/fib_api.c): with <c>is_multipath</c> the
    /// paths are added to the prefix's paths (an equal path is not added twice) or removed from them (the prefix goes with
    /// its last path), and no path is -52 (NO_PATHS_IN_ROUTE); without it an add replaces the prefix's paths and a delete
    /// removes the prefix whatever paths it names. Paths are equal when their interface and next hop are.
    /// </summary>
    internal sealed partial class FakeVppModel
    {
        private List<(string, Dictionary<string, object?>)> AddDelRoute(VppMessage request,
            Func<int, string?, object?, List<(string, Dictionary<string, object?>)>> reply, Func<uint, bool, bool> tableExists)
        {
            var route = request.Get<IReadOnlyDictionary<string, object?>>("route");
            var tableId = (uint)route["table_id"]!;
            var prefix = VppAddress.PrefixFrom((IReadOnlyDictionary<string, object?>)route["prefix"]!);
            var ip6 = prefix.BaseAddress.AddressFamily is System.Net.Sockets.AddressFamily.InterNetworkV6;
            var hostLength = ip6 ? 128 : 32;

            // As VPP: an attached path on a host prefix becomes an attached next hop, dumped with the prefix's address as nh.
            var paths = ((object?[])route["paths"]!).Cast<IReadOnlyDictionary<string, object?>>().Select(FibPath.From)
                .Select(p => p.NextHop is null && p.SwIfIndex != Any && prefix.PrefixLength == hostLength ? p with { NextHop = prefix.BaseAddress } : p)
                .ToList();
            var isAdd = request.Get<bool>("is_add");
            var isMultipath = request.Get<bool>("is_multipath");
            if (!tableExists(tableId, ip6))
            {
                return reply(-3, "stats_index", 0u);
            }

            if ((isMultipath || isAdd) && paths.Count == 0)
            {
                return reply(-52, "stats_index", 0u);
            }

            var table = _routes.TryGetValue((tableId, ip6), out var t) ? t : _routes[(tableId, ip6)] = new(StringComparer.Ordinal);
            var key = prefix.ToString();
            if (!isAdd)
            {
                if (!isMultipath)
                {
                    table.Remove(key);
                }
                else if (table.TryGetValue(key, out var existing))
                {
                    existing.Paths.RemoveAll(p => paths.Any(q => SamePath(p, q)));
                    if (existing.Paths.Count == 0)
                    {
                        table.Remove(key);
                    }
                }

                return reply(0, "stats_index", 0u);
            }

            if (paths.Any(p => p.Type != FibPath.NormalType))
            {
                return reply(-73, "stats_index", 0u); // beyond this model: only interface / next-hop paths
            }

            if (paths.Any(p => p.SwIfIndex != Any && !_interfaces.ContainsKey(p.SwIfIndex)))
            {
                return reply(-2, "stats_index", 0u);
            }

            if (isMultipath && table.TryGetValue(key, out var current))
            {
                current.Paths.AddRange(paths.Where(p => !current.Paths.Any(q => SamePath(p, q))));
            }
            else
            {
                table[key] = (prefix, paths.DistinctBy(p => (p.SwIfIndex, p.NextHop)).ToList());
            }

            return reply(0, "stats_index", 0u);
        }

        private static bool SamePath(FibPath a, FibPath b) => a.SwIfIndex == b.SwIfIndex && Equals(a.NextHop, b.NextHop);
    }
}
