using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>vl_api_fib_path_t</c>: sw_if_index, table_id, rpf_id, weight, preference, type, flags, proto, nh (address
/// union, via_label, obj_id, classify_table_index), n_labels and always all 16 <c>label_stack</c> entries.
/// </summary>
/// <param name="SwIfIndex">Outgoing interface, or ~0 for a recursive path.</param>
/// <param name="TableId">Table the next hop is resolved in.</param>
/// <param name="NextHop">Next-hop address; null for an attached (interface-only) path.</param>
internal sealed record FibPath(uint SwIfIndex, uint TableId, IPAddress? NextHop)
{
    /// <summary>FIB_API_PATH_NH_PROTO_IP4 = 0, IP6 = 1.</summary>
    public bool IsIp6 { get; init; }

    public byte Weight { get; init; } = 1;

    public byte Preference { get; init; }

    /// <summary>FIB_API_PATH_TYPE_NORMAL = 0.</summary>
    public uint Type { get; init; }

    /// <summary>FIB_API_PATH_TYPE_NORMAL: a path through an interface and/or next hop (others: local, drop, ...).</summary>
    public const uint NormalType = 0;

    public Dictionary<string, object?> ToFields() => new()
    {
        ["sw_if_index"] = SwIfIndex,
        ["table_id"] = TableId,
        ["rpf_id"] = 0u,
        ["weight"] = Weight,
        ["preference"] = Preference,
        ["type"] = Type,
        ["flags"] = 0u,
        ["proto"] = IsIp6 ? 1u : 0u,
        ["nh"] = new Dictionary<string, object?> { ["address"] = NextHop?.GetAddressBytes() ?? [] },
        ["n_labels"] = (byte)0,
        ["label_stack"] = Array.Empty<object?>(), // sent as 16 zero entries: VPP rejects a short stack
    };

    public static FibPath From(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var isIp6 = (uint)fields["proto"]! == 1;
        var nh = (byte[])((IReadOnlyDictionary<string, object?>)fields["nh"]!)["address"]!;
        var address = isIp6 ? new IPAddress(nh) : new IPAddress(nh.AsSpan(0, 4));
        var isZero = address.Equals(isIp6 ? IPAddress.IPv6Any : IPAddress.Any);
        return new((uint)fields["sw_if_index"]!, (uint)fields["table_id"]!, isZero ? null : address)
        {
            IsIp6 = isIp6,
            Weight = (byte)fields["weight"]!,
            Preference = (byte)fields["preference"]!,
            Type = (uint)fields["type"]!,
        };
    }
}
