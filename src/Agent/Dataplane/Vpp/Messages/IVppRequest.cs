namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>A typed request: the message it is sent as and its fields (client_index and context are added on send).</summary>
internal interface IVppRequest
{
    string MessageName { get; }

    IReadOnlyDictionary<string, object?> ToFields();
}
