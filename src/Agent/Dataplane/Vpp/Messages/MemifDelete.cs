namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>memif_delete</c>: sw_if_index.</summary>
internal sealed record MemifDelete(uint SwIfIndex) : IVppRequest
{
    public string MessageName => "memif_delete";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex };
}
