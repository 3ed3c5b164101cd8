namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>add_node_next</c>: string node_name[64], string next_name[64]. The reply carries next_index, the arc's slot in
/// node_name's next nodes (the same slot on every call for the same pair).
/// </summary>
internal sealed record AddNodeNext(string NodeName, string NextName) : IVppRequest
{
    public string MessageName => "add_node_next";

    public IReadOnlyDictionary<string, object?> ToFields() =>
        new Dictionary<string, object?> { ["node_name"] = NodeName, ["next_name"] = NextName };
}
