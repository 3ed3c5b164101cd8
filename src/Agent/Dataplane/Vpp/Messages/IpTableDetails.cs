namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>ip_table_details</c>: u32 context, vl_api_ip_table_t table.</summary>
internal sealed record IpTableDetails(IpTable Table)
{
    public static IpTableDetails From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(IpTable.From(message.Get<IReadOnlyDictionary<string, object?>>("table")));
    }
}
