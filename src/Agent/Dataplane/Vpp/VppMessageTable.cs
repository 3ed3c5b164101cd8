namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// The running VPP's message ids, from <c>sockclnt_create_reply</c>'s <c>message_table</c> (name_crc → index),
/// matched against the agent's definitions. A message whose name VPP knows only under another CRC has changed
/// layout: it is refused with both CRCs named rather than sent in the wrong shape.
/// </summary>
internal sealed class VppMessageTable
{
    private readonly Dictionary<string, ushort> _idsByNameCrc;
    private readonly Dictionary<ushort, VppMessageDefinition> _definitionsById = [];
    private readonly VppApiSchema _schema;

    public VppMessageTable(VppApiSchema schema, IEnumerable<KeyValuePair<string, ushort>> entries)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(entries);
        _schema = schema;
        _idsByNameCrc = new Dictionary<string, ushort>(entries, StringComparer.Ordinal);
        foreach (var definition in schema.Messages.Values)
        {
            if (_idsByNameCrc.TryGetValue(definition.NameCrc, out var id))
            {
                _definitionsById[id] = definition;
            }
        }
    }

    public int Count => _idsByNameCrc.Count;

    /// <summary>The definition and id to send <paramref name="name"/> with; a clear error on an unknown name or a CRC mismatch.</summary>
    public (VppMessageDefinition Definition, ushort Id) Resolve(string name)
    {
        var definition = _schema.GetMessage(name);
        if (_idsByNameCrc.TryGetValue(definition.NameCrc, out var id))
        {
            return (definition, id);
        }

        var prefix = name + "_";
        var other = _idsByNameCrc.Keys.FirstOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length == prefix.Length + 8);
        throw new VppApiException(other is null
            ? $"VPP does not offer {definition.NameCrc}: message \"{name}\" is missing (plugin not loaded?)."
            : $"CRC mismatch for \"{name}\": the agent speaks {definition.NameCrc}, VPP offers {other}. The message layout differs; update the definitions.");
    }

    /// <summary>True when VPP offers <paramref name="name"/> under the CRC the agent speaks (its plugin is loaded).</summary>
    public bool Offers(string name) => _schema.Messages.TryGetValue(name, out var definition) && _idsByNameCrc.ContainsKey(definition.NameCrc);

    /// <summary>The definition for a received id; null for ids the agent has no (matching) definition for.</summary>
    public VppMessageDefinition? Find(ushort id) => _definitionsById.GetValueOrDefault(id);
}
