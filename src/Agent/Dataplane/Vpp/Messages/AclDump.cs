namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary><c>acl_dump</c>: u32 acl_index (~0 = all); answered by <c>acl_details</c> (acl_index, tag, count, rules).</summary>
internal sealed record AclDump(uint AclIndex = uint.MaxValue) : IVppRequest
{
    public string MessageName => "acl_dump";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?> { ["acl_index"] = AclIndex };
}
