using System.Collections.Immutable;
using System.Net;
using System.Numerics;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Ipam;

/// <summary>
/// Addresses of a range that are never handed out, as Kube-OVN's <c>excludeIps</c> writes them: single addresses
/// (<c>172.19.0.5</c>) and inclusive ranges (<c>172.19.0.10..172.19.0.20</c>); a CIDR (<c>172.19.0.64/30</c>, as in
/// Whereabouts' <c>exclude</c>) is accepted too. Held as spans of offsets from the range's first address.
/// </summary>
public sealed class ExcludedAddresses
{
    private readonly ImmutableArray<(BigInteger First, BigInteger Last)> _spans;

    private ExcludedAddresses(ImmutableArray<(BigInteger First, BigInteger Last)> spans, ImmutableArray<string> entries)
    {
        _spans = spans;
        Entries = entries;
    }

    public static ExcludedAddresses None { get; } = new([], []);

    /// <summary>The entries as written (normalised), in order: what the console shows.</summary>
    public ImmutableArray<string> Entries { get; }

    /// <summary>How many distinct addresses of the range are excluded.</summary>
    public BigInteger Count
    {
        get
        {
            var count = BigInteger.Zero;
            var next = BigInteger.MinusOne;
            foreach (var (first, last) in _spans.OrderBy(s => s.First))
            {
                var start = BigInteger.Max(first, next);
                if (last >= start)
                {
                    count += last - start + 1;
                    next = last + 1;
                }
            }

            return count;
        }
    }

    public bool Contains(BigInteger offset) => _spans.Any(s => offset >= s.First && offset <= s.Last);

    public bool Contains(IPNetwork range, IPAddress address) =>
        address.AddressFamily == range.BaseAddress.AddressFamily && range.Contains(address) && Contains(AddressAllocator.OffsetOf(range, address));

    /// <summary>
    /// Reads <paramref name="entries"/> for <paramref name="range"/>. Each bad entry is reported at
    /// <c><paramref name="field"/>[i]</c> (not an address, wrong family, outside the range, first after last) and left out.
    /// </summary>
    public static (ExcludedAddresses Excluded, ImmutableArray<FieldViolation> Errors) Parse(IEnumerable<string>? entries, IPNetwork range, string field)
    {
        var spans = ImmutableArray.CreateBuilder<(BigInteger, BigInteger)>();
        var texts = ImmutableArray.CreateBuilder<string>();
        var errors = ImmutableArray.CreateBuilder<FieldViolation>();
        var index = 0;
        foreach (var raw in entries ?? [])
        {
            var path = $"{field}[{index++}]";
            var text = raw?.Trim() ?? "";
            if (ParseEntry(text, range, out var first, out var last, out var normalized) is { } error)
            {
                errors.Add(new(path, text.Length == 0 ? FieldReasons.Required : FieldReasons.Invalid, error));
                continue;
            }

            spans.Add((first, last));
            texts.Add(normalized);
        }

        return (spans.Count == 0 ? None : new ExcludedAddresses(spans.ToImmutable(), texts.ToImmutable()), errors.ToImmutable());
    }

    private static string? ParseEntry(string text, IPNetwork range, out BigInteger first, out BigInteger last, out string normalized)
    {
        first = last = BigInteger.Zero;
        normalized = text;
        if (text.Length == 0)
        {
            return "an address, a range a..b or a CIDR is needed.";
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            var a = text[..dots].Trim();
            var b = text[(dots + 2)..].Trim();
            if (Address(a, range, out var from) is { } e1)
            {
                return $"\"{text}\": first address: {e1}";
            }

            if (Address(b, range, out var to) is { } e2)
            {
                return $"\"{text}\": last address: {e2}";
            }

            (first, last) = (AddressAllocator.OffsetOf(range, from), AddressAllocator.OffsetOf(range, to));
            normalized = $"{from}..{to}";
            return first > last ? $"\"{text}\": the first address {from} comes after the last {to}." : null;
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (Cidr.Parse(text, out var cidr, out var cidrError) is not (CidrProblem.None or CidrProblem.HostBitsSet))
            {
                return cidrError ?? $"\"{text}\" is not a CIDR.";
            }

            if (cidr.BaseAddress.AddressFamily != range.BaseAddress.AddressFamily || !range.Contains(cidr.BaseAddress) || cidr.PrefixLength < range.PrefixLength)
            {
                return $"\"{text}\" is not inside the range {range}.";
            }

            first = AddressAllocator.OffsetOf(range, cidr.BaseAddress);
            last = first + AddressAllocator.Size(cidr) - 1;
            normalized = cidr.ToString();
            return null;
        }

        if (Address(text, range, out var single) is { } e3)
        {
            return e3;
        }

        first = last = AddressAllocator.OffsetOf(range, single);
        normalized = single.ToString();
        return null;
    }

    private static string? Address(string text, IPNetwork range, out IPAddress address)
    {
        if (!AddressAllocator.TryParseAddress(text, out address))
        {
            return $"\"{text}\" is not an IP address.";
        }

        return address.AddressFamily != range.BaseAddress.AddressFamily || !range.Contains(address)
            ? $"{address} is outside the range {range}."
            : null;
    }
}
