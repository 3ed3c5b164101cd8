namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>cnat_translation_del</c>: u32 id (from cnat_translation_update_reply or cnat_translation_details).</summary>
internal sealed record CnatTranslationDel(uint Id) : IVppRequest
{
    public string MessageName => "cnat_translation_del";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["id"] = Id };
}
