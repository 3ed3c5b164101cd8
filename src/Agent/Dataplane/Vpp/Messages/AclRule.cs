using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>vl_api_acl_rule_t</c>: u8 is_permit (0 deny, 1 permit, 2 permit and reflect: the return traffic of a permitted flow
/// is let through on the same interface), prefix src_prefix, prefix dst_prefix, u8 proto (0 = any), u16 source and
/// destination port (or ICMP type and code) ranges, u8 tcp_flags_mask, u8 tcp_flags_value.
/// </summary>
internal sealed record AclRule(byte Action, IPNetwork Source, IPNetwork Destination, byte Protocol, ushort DestinationPortFirst, ushort DestinationPortLast)
{
    public const byte Deny = 0;

    public const byte Permit = 1;

    public const byte PermitReflect = 2;

    public Dictionary<string, object?> ToFields() => new()
    {
        ["is_permit"] = Action,
        ["src_prefix"] = VppAddress.PrefixToFields(Source),
        ["dst_prefix"] = VppAddress.PrefixToFields(Destination),
        ["proto"] = Protocol,
        ["srcport_or_icmptype_first"] = (ushort)0,
        ["srcport_or_icmptype_last"] = ushort.MaxValue,
        ["dstport_or_icmpcode_first"] = DestinationPortFirst,
        ["dstport_or_icmpcode_last"] = DestinationPortLast,
        ["tcp_flags_mask"] = (byte)0,
        ["tcp_flags_value"] = (byte)0,
    };

    public static AclRule From(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new((byte)fields["is_permit"]!, VppAddress.PrefixFrom((IReadOnlyDictionary<string, object?>)fields["src_prefix"]!),
            VppAddress.PrefixFrom((IReadOnlyDictionary<string, object?>)fields["dst_prefix"]!), (byte)fields["proto"]!,
            (ushort)fields["dstport_or_icmpcode_first"]!, (ushort)fields["dstport_or_icmpcode_last"]!);
    }
}
