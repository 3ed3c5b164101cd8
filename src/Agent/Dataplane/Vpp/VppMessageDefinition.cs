namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>A message as its .api.json defines it: name, CRC and fields in wire order (the first is <c>_vl_msg_id</c>).</summary>
internal sealed record VppMessageDefinition(string Name, uint Crc, IReadOnlyList<VppField> Fields)
{
    /// <summary>The key VPP's message table uses, e.g. <c>ip_table_add_del_0ffdaec0</c>.</summary>
    public string NameCrc => $"{Name}_{Crc:x8}";
}
