using System.Net;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// <c>vl_api_cnat_endpoint_t</c>: address addr (17 bytes), sw_if_index (~0 = use addr), u8 if_af, u16 port — 24 bytes.
/// The agent always gives an address, never an interface.
/// </summary>
internal sealed record CnatEndpoint(IPAddress Address, ushort Port)
{
    public Dictionary<string, object?> ToFields() => new()
    {
        ["addr"] = VppAddress.ToFields(Address),
        ["sw_if_index"] = uint.MaxValue,
        ["if_af"] = Address.AddressFamily is System.Net.Sockets.AddressFamily.InterNetworkV6 ? (byte)1 : (byte)0,
        ["port"] = Port,
    };

    public static CnatEndpoint From(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new(VppAddress.From((IReadOnlyDictionary<string, object?>)fields["addr"]!), (ushort)fields["port"]!);
    }
}
