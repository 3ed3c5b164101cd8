namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>vl_api_cnat_translation_t</c>: cnat_endpoint vip, u32 id, u8 ip_proto (6 = TCP, 17 = UDP, 132 = SCTP), u8 is_real_ip,
/// u8 flags, u8 lb_type, u32 n_paths, u32 flow_hash_config, then n_paths × cnat_endpoint_tuple (dst_ep, src_ep, u8 flags).
/// Each backend is a path whose dst_ep is the backend and whose src_ep is left empty (no source rewrite).
/// </summary>
internal sealed record CnatTranslation(CnatEndpoint Vip, byte IpProto, IReadOnlyList<CnatEndpoint> Backends)
{
    public const byte Tcp = 6;

    public const byte Udp = 17;

    public const byte Sctp = 132;

    /// <summary>The id VPP gave the translation; ignored by cnat_translation_update, which keys on (vip, port, proto).</summary>
    public uint Id { get; init; }

    public byte Flags { get; init; }

    public Dictionary<string, object?> ToFields() => new()
    {
        ["vip"] = Vip.ToFields(),
        ["id"] = Id,
        ["ip_proto"] = IpProto,
        ["is_real_ip"] = (byte)0,
        ["flags"] = Flags,
        ["lb_type"] = (byte)0,
        ["flow_hash_config"] = 0u,
        ["paths"] = Backends.Select(b => (object?)new Dictionary<string, object?>
        {
            ["dst_ep"] = b.ToFields(),
            ["src_ep"] = new CnatEndpoint(b.Address.AddressFamily is System.Net.Sockets.AddressFamily.InterNetworkV6
                ? System.Net.IPAddress.IPv6Any : System.Net.IPAddress.Any, 0).ToFields(),
            ["flags"] = (byte)0,
        }).ToArray(), // n_paths is filled from the array
    };

    public static CnatTranslation From(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var paths = ((object?[])fields["paths"]!).Cast<IReadOnlyDictionary<string, object?>>()
            .Select(p => CnatEndpoint.From((IReadOnlyDictionary<string, object?>)p["dst_ep"]!)).ToList();
        return new(CnatEndpoint.From((IReadOnlyDictionary<string, object?>)fields["vip"]!), (byte)fields["ip_proto"]!, paths)
        {
            Id = (uint)fields["id"]!,
            Flags = (byte)fields["flags"]!,
        };
    }
}
