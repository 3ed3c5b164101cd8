using System.Net.Sockets;
using System.Net;
using System.Numerics;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Ipam;

/// <summary>
/// Address arithmetic of a Whereabouts-style pool: an address is stored as its offset from the range's first address;
/// the lowest free usable offset is handed out, or the requested static address when it is inside the range and free.
/// IPv4 ranges never hand out their network and broadcast addresses, and IPv6 ranges skip the subnet-router anycast
/// address (offset 0); point-to-point and host ranges (IPv4 /31 and /32, IPv6 /127 and /128) use every address.
/// </summary>
public static class AddressAllocator
{
    /// <summary>Parses a CIDR such as <c>172.19.0.0/16</c>; host bits are cleared (<c>172.19.3.4/16</c> is the same range).</summary>
    public static bool TryParseRange(string? cidr, out IPNetwork range, out string? error)
    {
        switch (Cidr.Parse(cidr, out range, out _))
        {
            case CidrProblem.None or CidrProblem.HostBitsSet:
                error = null;
                return true;
            case CidrProblem.Missing:
                error = "no range: a CIDR such as 172.19.0.0/16 is needed.";
                return false;
            default:
                error = $"\"{cidr}\" is not a CIDR such as 172.19.0.0/16 or fd00:19::/64.";
                return false;
        }
    }

    /// <summary>
    /// An address as people write them: a dotted quad or an IPv6 address, without prefix (IPAddress.TryParse alone also
    /// takes "1" or "172.19.0" as 0.0.0.1 and 172.19.0.0).
    /// </summary>
    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('/', StringComparison.Ordinal)
            || (!text.Contains(':', StringComparison.Ordinal) && text.Count(c => c == '.') != 3))
        {
            return false;
        }

        return IPAddress.TryParse(text, out address!);
    }

    /// <summary>The address's offset from the range's first address (the key Whereabouts uses in <c>spec.allocations</c>).</summary>
    public static BigInteger OffsetOf(IPNetwork range, IPAddress address) => ToInteger(address) - ToInteger(range.BaseAddress);

    /// <summary>The address at an offset of the range.</summary>
    public static IPAddress AddressAt(IPNetwork range, BigInteger offset)
    {
        var length = range.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
        var bytes = (ToInteger(range.BaseAddress) + offset).ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[length];
        bytes.AsSpan(Math.Max(0, bytes.Length - length)).CopyTo(padded.AsSpan(length - Math.Min(length, bytes.Length)));
        return new IPAddress(padded);
    }

    /// <summary>How many addresses the range spans.</summary>
    public static BigInteger Size(IPNetwork range) =>
        BigInteger.One << ((range.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128) - range.PrefixLength);

    /// <summary>The first and last offsets that may be handed out.</summary>
    public static (BigInteger First, BigInteger Last) UsableOffsets(IPNetwork range)
    {
        var size = Size(range);
        var v4 = range.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        if (range.PrefixLength >= (v4 ? 31 : 127))
        {
            return (BigInteger.Zero, size - 1);
        }

        return (BigInteger.One, v4 ? size - 2 : size - 1);
    }

    /// <summary>How many addresses of the range may be handed out: the one capacity the console and the IPAM use.</summary>
    public static BigInteger Capacity(IPNetwork range) => UsableOffsets(range) is var (first, last) ? last - first + 1 : BigInteger.Zero;

    /// <summary>The <see cref="Capacity"/> of a Network's range as written in its spec; 0 when it is not a CIDR.</summary>
    public static BigInteger CapacityOf(string? cidr) => TryParseRange(cidr, out var range, out _) ? Capacity(range) : BigInteger.Zero;

    /// <summary>
    /// Picks an address: the <paramref name="requested"/> one (an address, optionally with a /prefix) when given, else
    /// the lowest usable offset neither in <paramref name="taken"/> nor <paramref name="excluded"/>.
    /// </summary>
    public static IpamResult Allocate(IPNetwork range, IReadOnlySet<BigInteger> taken, string? requested = null, ExcludedAddresses? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(taken);
        excluded ??= ExcludedAddresses.None;
        var (first, last) = UsableOffsets(range);
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var text = requested.Split('/')[0].Trim();
            if (!IPAddress.TryParse(text, out var address))
            {
                return IpamResult.Fail(IpamFailure.InvalidRequest, $"requested address \"{requested}\" is not an IP address.");
            }

            if (address.AddressFamily != range.BaseAddress.AddressFamily || !range.Contains(address))
            {
                return IpamResult.Fail(IpamFailure.OutOfRange, $"requested address {address} is outside the range {range}.");
            }

            var offset = OffsetOf(range, address);
            if (offset < first || offset > last)
            {
                return IpamResult.Fail(IpamFailure.OutOfRange,
                    $"requested address {address} is the {(offset == 0 ? "network" : "broadcast")} address of {range} and cannot be assigned.");
            }

            if (excluded.Contains(offset))
            {
                return IpamResult.Fail(IpamFailure.Excluded, $"requested address {address} is excluded from {range} (excludeIps).");
            }

            return taken.Contains(offset)
                ? IpamResult.Fail(IpamFailure.Taken, $"requested address {address} is already allocated in {range}.")
                : IpamResult.Ok(address, offset);
        }

        for (var candidate = first; candidate <= last; candidate++)
        {
            if (!taken.Contains(candidate) && !excluded.Contains(candidate))
            {
                return IpamResult.Ok(AddressAt(range, candidate), candidate);
            }
        }

        return IpamResult.Fail(IpamFailure.Exhausted, excluded.Count.IsZero
            ? $"no address available in {range}: all {Capacity(range)} addresses are allocated."
            : $"no address available in {range}: every address of {Capacity(range)} is allocated or excluded ({excluded.Count} excluded).");
    }

    private static BigInteger ToInteger(IPAddress address) => new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
}
