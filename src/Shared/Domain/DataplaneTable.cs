namespace Multinet.Shared.Domain;

/// <summary>A routing table as the dataplane reports it (VPP's ip_table_details).</summary>
public sealed record DataplaneTable(uint TableId, bool IsIpv6, string Name);
