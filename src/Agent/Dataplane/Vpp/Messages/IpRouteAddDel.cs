using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>ip_route_add_del</c>: bool is_add, bool is_multipath, then <c>vl_api_ip_route_t</c> (table_id, stats_index,
/// prefix, u8 n_paths, n_paths × fib_path). Answered by ip_route_add_del_reply (retval, stats_index).
/// </summary>
internal sealed record IpRouteAddDel(bool IsAdd, uint TableId, IPNetwork Prefix, IReadOnlyList<FibPath> Paths) : IVppRequest
{
    public bool IsMultipath { get; init; }

    public string MessageName => "ip_route_add_del";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["is_add"] = IsAdd,
        ["is_multipath"] = IsMultipath,
        ["route"] = new Dictionary<string, object?>
        {
            ["table_id"] = TableId,
            ["stats_index"] = 0u,
            ["prefix"] = VppAddress.PrefixToFields(Prefix),
            ["paths"] = Paths.Select(p => (object?)p.ToFields()).ToArray(), // n_paths is filled from the array
        },
    };
}
