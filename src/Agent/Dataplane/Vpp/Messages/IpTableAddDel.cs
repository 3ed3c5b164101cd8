namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>ip_table_add_del</c>: creates (or takes another lock on) a table, or deletes it. Answered by ip_table_add_del_reply.</summary>
internal sealed record IpTableAddDel(bool IsAdd, IpTable Table) : IVppRequest
{
    public string MessageName => "ip_table_add_del";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["is_add"] = IsAdd, ["table"] = Table.ToFields() };
}
