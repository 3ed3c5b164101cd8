using System.Security.Cryptography;
using System.Text;

namespace Multinet.Shared.Ipam;

/// <summary>Deterministic MAC addresses for simulated interfaces.</summary>
public static class MacAddresses
{
    /// <summary>
    /// A locally administered unicast MAC (first octet x2, x6, xA or xE) derived from <paramref name="seed"/> (e.g. pod
    /// UID and interface): the same seed always yields the same address, in the lowercase colon form Multus writes.
    /// </summary>
    public static string Derive(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed), hash);
        hash[0] = (byte)((hash[0] & 0xFE) | 0x02);
        return string.Join(':', hash[..6].ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
