namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>feature_cnat_enable_disable</c>: sw_if_index, bool enable_disable. Puts cnat on the interface's input and output
/// arcs: a packet the interface receives for a VIP is translated there and then looked up in the interface's own table.
/// </summary>
internal sealed record FeatureCnatEnableDisable(uint SwIfIndex, bool Enable) : IVppRequest
{
    public string MessageName => "feature_cnat_enable_disable";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex, ["enable_disable"] = Enable };
}
