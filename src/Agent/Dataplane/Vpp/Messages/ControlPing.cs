namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>control_ping</c>: sent right behind a dump; its reply ends the dump. Also a liveness check.</summary>
internal sealed record ControlPing : IVppRequest
{
    public string MessageName => "control_ping";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>();
}
