namespace Multinet.Agent.Dataplane.Vpp;

/// <summary>
/// A decoded (or to-be-encoded) message: its name and fields. Structs are dictionaries, <c>u8</c> arrays
/// <see cref="byte"/>[], other arrays <see cref="object"/>[], strings <see cref="string"/>, unions their raw bytes,
/// enums their underlying number.
/// </summary>
internal sealed record VppMessage(string Name, IReadOnlyDictionary<string, object?> Fields)
{
    public uint Context => Fields.TryGetValue("context", out var c) && c is uint context ? context : 0;

    /// <summary>The reply's <c>retval</c> (or <c>response</c> for sockclnt_create_reply); 0 when it has none.</summary>
    public int RetVal => Fields.TryGetValue("retval", out var r) && r is int retval ? retval
        : Fields.TryGetValue("response", out var s) && s is int response ? response : 0;

    public T Get<T>(string field) => Fields.TryGetValue(field, out var value) && value is T typed
        ? typed
        : throw new VppApiException($"{Name}: field \"{field}\" is missing or not a {typeof(T).Name}.");
}
