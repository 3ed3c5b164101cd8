namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>memif_dump</c>: answered by one <see cref="MemifDetails"/> per memif interface.</summary>
internal sealed record MemifDump : IVppRequest
{
    public string MessageName => "memif_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>();
}
