namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>sockclnt_create_reply</c>: u32 client_index, u32 context, i32 response, u32 index, u16 count, then
/// <c>count</c> × <c>message_table_entry</c> (u16 index, string name[64] = name_crc).
/// </summary>
internal sealed record SockclntCreateReply(int Response, uint Index, IReadOnlyDictionary<string, ushort> MessageTable)
{
    public static SockclntCreateReply From(VppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = new Dictionary<string, ushort>(StringComparer.Ordinal);
        foreach (var entry in message.Get<object?[]>("message_table").Cast<IReadOnlyDictionary<string, object?>>())
        {
            table[(string)entry["name"]!] = (ushort)entry["index"]!;
        }

        return new(message.Get<int>("response"), message.Get<uint>("index"), table);
    }

    public IReadOnlyDictionary<string, object?> ToFields(uint context) => new Dictionary<string, object?>
    {
        ["context"] = context,
        ["response"] = Response,
        ["index"] = Index,
        ["message_table"] = MessageTable.Select(e => (object?)new Dictionary<string, object?> { ["index"] = e.Value, ["name"] = e.Key }).ToArray(),
    };
}
