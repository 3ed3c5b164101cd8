namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>ip_route_dump</c>: ip_table_t table (only table_id and is_ip6 matter); answered by <see cref="IpRouteDetails"/>.</summary>
internal sealed record IpRouteDump(uint TableId, bool IsIp6) : IVppRequest
{
    public string MessageName => "ip_route_dump";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["table"] = new IpTable(TableId, IsIp6, string.Empty).ToFields() };
}
