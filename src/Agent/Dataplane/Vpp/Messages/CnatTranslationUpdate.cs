namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>cnat_translation_update</c>: one cnat_translation; creates it or replaces the one with the same (vip, port, proto). The reply carries its id.</summary>
internal sealed record CnatTranslationUpdate(CnatTranslation Translation) : IVppRequest
{
    public string MessageName => "cnat_translation_update";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["translation"] = Translation.ToFields() };
}
