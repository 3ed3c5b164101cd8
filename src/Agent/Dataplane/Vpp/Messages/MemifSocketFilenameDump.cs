namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>memif_socket_filename_dump</c>: answered by one <see cref="MemifSocketFilenameDetails"/> per registered socket id.</summary>
internal sealed record MemifSocketFilenameDump : IVppRequest
{
    public string MessageName => "memif_socket_filename_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>();
}
