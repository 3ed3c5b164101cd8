namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>vl_api_ip_table_t</c>: u32 table_id, bool is_ip6, string name[64].</summary>
internal sealed record IpTable(uint TableId, bool IsIp6, string Name)
{
    public Dictionary<string, object?> ToFields() => new() { ["table_id"] = TableId, ["is_ip6"] = IsIp6, ["name"] = Name };

    public static IpTable From(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new((uint)fields["table_id"]!, (bool)fields["is_ip6"]!, (string)fields["name"]!);
    }
}
