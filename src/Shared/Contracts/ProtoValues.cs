using System.Collections.Immutable;
using System.Net;
using Google.Protobuf.WellKnownTypes;
using Multinet.Shared.Domain;

#pragma warning disable IDE0130 // partial classes on generated types live in the generated namespace
namespace Multinet.Contracts.Agent.V1;

/// <summary>Conversions and checks shared by the mappings: each failure names the field.</summary>
internal static class ProtoValues
{
    public static Timestamp Timestamp(DateTime at) =>
        Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Utc));

    /// <summary>A timestamp as a UTC time; one outside 0001-9999 or with nanos outside 0..999,999,999 is refused naming the field.</summary>
    public static DateTime Time(Timestamp at, string field)
    {
        const long minSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
        const long maxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        if (at.Seconds is < minSeconds or > maxSeconds || at.Nanos is < 0 or > 999_999_999)
        {
            throw new FormatException($"{field} ({at.Seconds} s, {at.Nanos} ns) is not a time between years 1 and 9999.");
        }

        return at.ToDateTime();
    }

    public static LinkState Link(bool up) => up ? LinkState.Up : LinkState.Down;

    public static bool Up(LinkState state, string field) => state switch
    {
        LinkState.Up => true,
        LinkState.Down => false,
        _ => throw new FormatException($"{field} {state} is not a known link state."),
    };

    public static string? Optional(string value) => string.IsNullOrEmpty(value) ? null : value;

    public static void Required(string value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new FormatException($"{field} is empty.");
        }
    }

    public static void PodInterface(string kind, string ns, string pod, string iface)
    {
        Required(ns, $"{kind}.namespace");
        Required(pod, $"{kind}[{ns}].pod");
        Required(iface, $"{kind}[{ns}/{pod}].interface");
    }

    public static void NotNegative(int value, string field)
    {
        if (value < 0)
        {
            throw new FormatException($"{field} {value} is negative.");
        }
    }

    public static void Address(string value, string field)
    {
        if (!IPAddress.TryParse(value, out _))
        {
            throw new FormatException($"{field} \"{value}\" is not an IP address.");
        }
    }

    public static void AddressOrPrefix(string value, string field)
    {
        if (!IPNetwork.TryParse(value, out _) && !IPAddress.TryParse(value, out _))
        {
            throw new FormatException($"{field} \"{value}\" is not an IP address or prefix.");
        }
    }

    /// <summary>An optional MAC address (empty = unknown), as six colon-separated hex octets.</summary>
    public static string? Mac(string value, string field)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var octets = value.Split(':');
        if (octets.Length != 6 || octets.Any(o => o.Length != 2 || !o.All(char.IsAsciiHexDigit)))
        {
            throw new FormatException($"{field} \"{value}\" is not a MAC address (aa:bb:cc:dd:ee:ff).");
        }

        return value;
    }

    /// <summary>Maps a snapshot's collection and orders it by key; two items with one key are refused.</summary>
    public static ImmutableArray<TItem> Sorted<TMessage, TItem>(IEnumerable<TMessage> messages, Func<TMessage, TItem> map, string field)
        where TItem : IInventoryItem
    {
        ImmutableArray<TItem> items = [.. messages.Select(map).OrderBy(i => i.Key, StringComparer.Ordinal)];
        for (var i = 1; i < items.Length; i++)
        {
            if (string.Equals(items[i - 1].Key, items[i].Key, StringComparison.Ordinal))
            {
                throw new FormatException($"{field} has two items keyed \"{items[i].Key}\".");
            }
        }

        return items;
    }
}
