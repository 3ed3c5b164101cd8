namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>ip_table_dump</c>: answered by one <see cref="IpTableDetails"/> per table and family.</summary>
internal sealed record IpTableDump : IVppRequest
{
    public string MessageName => "ip_table_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>();
}
