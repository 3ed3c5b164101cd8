using System.Net;
using System.Net.Sockets;

namespace Multinet.Agent.Dataplane.Vpp.Messages;

/// <summary>
/// Builds and reads <c>vl_api_address_t</c> (u8 af: 0 = IPv4, 1 = IPv6; then a 16-byte union holding the
/// address, IPv4 in the first 4 bytes) and <c>vl_api_prefix_t</c> (address, u8 len): 17 and 18 bytes.
/// </summary>
internal static class VppAddress
{
    public static Dictionary<string, object?> ToFields(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new() { ["af"] = address.AddressFamily is AddressFamily.InterNetworkV6 ? (byte)1 : (byte)0, ["un"] = address.GetAddressBytes() };
    }

    public static Dictionary<string, object?> PrefixToFields(IPNetwork prefix) =>
        new() { ["address"] = ToFields(prefix.BaseAddress), ["len"] = (byte)prefix.PrefixLength };

    public static IPAddress From(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var union = (byte[])fields["un"]!;
        return (byte)fields["af"]! == 1 ? new IPAddress(union) : new IPAddress(union.AsSpan(0, 4));
    }

    public static IPNetwork PrefixFrom(IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new IPNetwork(From((IReadOnlyDictionary<string, object?>)fields["address"]!), (byte)fields["len"]!);
    }
}
