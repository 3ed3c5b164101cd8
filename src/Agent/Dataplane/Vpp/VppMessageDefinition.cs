namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>A message as its .api.json defines it: name, CRC and fields in wire order (the first is <c>_vl_msg_id</c>).</summary>
internal sealed record VppMessageDefinition(string Name, uint Crc, IReadOnlyList<VppField> Fields)
{
    /// <summary>The key VPP's message table uses, e.g. <c>ip_table_add_del_0ffdaec0</c>.</summary>
    public string NameCrc => $"{Name}_{Crc:x8}";

    /// <summary>True when the second field is <c>client_index</c>: a request, whose context is the third field.</summary>
    public bool IsRequest => Fields.Count > 1 && Fields[1].Name == "client_index";
}
