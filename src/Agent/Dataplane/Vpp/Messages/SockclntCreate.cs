namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>sockclnt_create</c>: u32 context, string name[64]; always message id 15. Has no client_index.</summary>
internal sealed record SockclntCreate(string Name)
{
    public const string MessageName = "sockclnt_create";

    public IReadOnlyDictionary<string, object?> ToFields(uint context) => new Dictionary<string, object?> { ["context"] = context, ["name"] = Name };
}
