using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>ip_route_details</c>: u32 context, ip_route_t route (table_id, stats_index, prefix, u8 n_paths, n_paths × fib_path).</summary>
internal sealed record IpRouteDetails(uint TableId, IPNetwork Prefix, IReadOnlyList<FibPath> Paths)
{
    public static IpRouteDetails From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var route = message.Get<IReadOnlyDictionary<string, object?>>("route");
        var paths = ((object?[])route["paths"]!).Cast<IReadOnlyDictionary<string, object?>>().Select(FibPath.From).ToList();
        return new((uint)route["table_id"]!, VppAddress.PrefixFrom((IReadOnlyDictionary<string, object?>)route["prefix"]!), paths);
    }

    public Dictionary<string, object?> ToFields(uint context) => new()
    {
        ["context"] = context,
        ["route"] = new Dictionary<string, object?>
        {
            ["table_id"] = TableId,
            ["stats_index"] = 0u,
            ["prefix"] = VppAddress.PrefixToFields(Prefix),
            ["paths"] = Paths.Select(p => (object?)p.ToFields()).ToArray(),
        },
    };
}
