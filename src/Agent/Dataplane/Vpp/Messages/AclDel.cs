namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>acl_del</c>: u32 acl_index (refused while an interface uses it).</summary>
internal sealed record AclDel(uint AclIndex) : IVppRequest
{
    public string MessageName => "acl_del";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["acl_index"] = AclIndex };
}
