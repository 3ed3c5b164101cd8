namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>acl_add_replace</c>: u32 acl_index (~0 creates, an existing index is replaced in place), string tag[64], u32 count,
/// count × acl_rule. The reply carries the ACL's index.
/// </summary>
internal sealed record AclAddReplace(uint AclIndex, string Tag, IReadOnlyList<AclRule> Rules) : IVppRequest
{
    public string MessageName => "acl_add_replace";

    public IReadOnlyDictionary<string, object?> ToFields() => new Dictionary<string, object?>
    {
        ["acl_index"] = AclIndex,
        ["tag"] = Tag,
        ["r"] = Rules.Select(r => (object?)r.ToFields()).ToArray(), // count is filled from the array
    };
}
