using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Multinet.Shared.Validation;

/// <summary>What, if anything, keeps a text from being a CIDR.</summary>
public enum CidrProblem
{
    None,
    Missing,
    NoPrefix,
    BadAddress,
    BadPrefix,

    /// <summary>A valid address and prefix, but the address is not the range's first one (e.g. <c>172.19.3.4/16</c>).</summary>
    HostBitsSet,
}

/// <summary>The one CIDR parser of the product: Network validation and the IPAM pools read ranges through it.</summary>
public static class Cidr
{
    /// <summary>
    /// Parses <paramref name="text"/> such as <c>172.19.0.0/16</c> or <c>fd00:19::/64</c>. With no problem or only
    /// <see cref="CidrProblem.HostBitsSet"/>, <paramref name="network"/> is the range with its host bits cleared; otherwise
    /// it is default. <paramref name="error"/> says precisely what is wrong (null when nothing is).
    /// </summary>
    public static CidrProblem Parse(string? text, out IPNetwork network, out string? error)
    {
        network = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "Required value: a CIDR such as 172.19.0.0/16 or fd00:19::/64.";
            return CidrProblem.Missing;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && IPNetwork.TryParse(text, out var parsed) && IPAddress.TryParse(text.AsSpan(0, slash), out var given))
        {
            return Canonical(text, given, parsed.PrefixLength, out network, out error);
        }

        // Not a CIDR: find out why.
        if (slash < 0)
        {
            error = $"\"{text}\" is not a CIDR: the prefix length is missing (e.g. {text}/16).";
            return CidrProblem.NoPrefix;
        }

        if (!IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            error = $"\"{text}\" is not a CIDR: \"{text[..slash]}\" is not an IPv4 or IPv6 address.";
            return CidrProblem.BadAddress;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > maxPrefix)
        {
            error = $"\"{text}\" is not a CIDR: the prefix length must be a number from 0 to {maxPrefix}.";
            return CidrProblem.BadPrefix;
        }

        return Canonical(text, address, prefix, out network, out error);
    }

    /// <summary>The range <paramref name="address"/>/<paramref name="prefix"/> belongs to; a problem when the address is not its first.</summary>
    private static CidrProblem Canonical(string text, IPAddress address, int prefix, out IPNetwork network, out string? error)
    {
        network = new IPNetwork(Mask(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            error = $"\"{text}\" has host bits set: did you mean {network}?";
            return CidrProblem.HostBitsSet;
        }

        error = null;
        return CidrProblem.None;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
