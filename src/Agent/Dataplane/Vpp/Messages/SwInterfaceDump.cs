namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sw_interface_dump</c>: sw_if_index (~0 = all), bool name_filter_valid, string name_filter (variable).</summary>
internal sealed record SwInterfaceDump(uint SwIfIndex = uint.MaxValue, string? NameFilter = null) : IVppRequest
{
    public string MessageName => "sw_interface_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["sw_if_index"] = SwIfIndex,
        ["name_filter_valid"] = NameFilter is not null,
        ["name_filter"] = NameFilter ?? string.Empty,
    };
}
