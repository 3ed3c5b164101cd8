namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>delete_loopback</c>: sw_if_index.</summary>
internal sealed record DeleteLoopback(uint SwIfIndex) : IVppRequest
{
    public string MessageName => "delete_loopback";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["sw_if_index"] = SwIfIndex };
}
