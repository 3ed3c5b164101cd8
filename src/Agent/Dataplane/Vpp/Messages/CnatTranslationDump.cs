namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>cnat_translation_dump</c>: answered by one <c>cnat_translation_details</c> (u32 context, cnat_translation) per translation.</summary>
internal sealed record CnatTranslationDump : IVppRequest
{
    public string MessageName => "cnat_translation_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>();
}
