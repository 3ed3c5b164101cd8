using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Annotations;

/// <summary>
/// Kube-OVN's per-attachment annotations, <c>&lt;nad&gt;.&lt;ns&gt;.kubernetes.io/ip_address</c>, <c>.../mac_address</c>
/// and <c>.../ip_pool</c> (on a workload's pod template, so every replica carries it). Each problem is reported at the
/// annotation it concerns (<c>metadata.annotations[blue-conf.default.kubernetes.io/ip_pool][2]</c>) and that request is dropped.
/// </summary>
public static partial class KubeOvnAnnotations
{
    public const string IpAddress = "ip_address";
    public const string MacAddress = "mac_address";
    public const string IpPool = "ip_pool";

    private const string Domain = ".kubernetes.io/";

    public static string Key(string nad, string ns, string kind) => $"{nad}.{ns}{Domain}{kind}";

    public static string Field(string key) => $"metadata.annotations[{key}]";

    /// <summary>Splits <c>&lt;nad&gt;.&lt;ns&gt;.kubernetes.io/&lt;kind&gt;</c> for the three kinds; false for any other key (e.g. <c>ovn.kubernetes.io/ip_address</c>).</summary>
    public static bool TryParseKey(string key, out string nad, out string ns, out string kind)
    {
        ArgumentNullException.ThrowIfNull(key);
        nad = ns = kind = "";
        var at = key.IndexOf(Domain, StringComparison.Ordinal);
        if (at <= 0 || key[(at + Domain.Length)..] is not (IpAddress or MacAddress or IpPool))
        {
            return false;
        }

        var dot = key.LastIndexOf('.', at - 1);
        if (dot <= 0)
        {
            return false;
        }

        kind = key[(at + Domain.Length)..];
        nad = key[..dot];
        ns = key[(dot + 1)..at];
        return true;
    }

    /// <summary>The requests for the attachment to NAD <paramref name="ns"/>/<paramref name="nad"/>, and what is wrong with them.</summary>
    public static (KubeOvnRequest Request, ImmutableArray<FieldViolation> Errors) Read(IReadOnlyDictionary<string, string>? annotations, string nad, string ns)
    {
        if (annotations is null)
        {
            return (KubeOvnRequest.None, []);
        }

        var errors = ImmutableArray.CreateBuilder<FieldViolation>();
        var ipKey = Key(nad, ns, IpAddress);
        var poolKey = Key(nad, ns, IpPool);
        var ips = annotations.TryGetValue(ipKey, out var ipText) ? Addresses(ipKey, ipText, errors, pool: false) : [];
        var pool = annotations.TryGetValue(poolKey, out var poolText) ? Addresses(poolKey, poolText, errors, pool: true) : [];
        if (ipText is not null && poolText is not null)
        {
            errors.Add(new(Field(poolKey), FieldReasons.Forbidden, $"{ipKey} is set too: ask for a static address or a pool, not both."));
            pool = [];
        }

        var macKey = Key(nad, ns, MacAddress);
        string? mac = null;
        if (annotations.TryGetValue(macKey, out var macText))
        {
            mac = Mac(macText, out var macError);
            if (macError is not null)
            {
                errors.Add(new(Field(macKey), FieldReasons.Invalid, macError));
            }
        }

        return (new KubeOvnRequest(ips, mac, pool), errors.ToImmutable());
    }

    /// <summary>Annotations of the three kinds naming a NAD the pod does not attach (<paramref name="attached"/> holds <c>ns/name</c> keys).</summary>
    public static ImmutableArray<FieldViolation> Unattached(IReadOnlyDictionary<string, string>? annotations, IReadOnlySet<string> attached)
    {
        ArgumentNullException.ThrowIfNull(attached);
        var errors = ImmutableArray.CreateBuilder<FieldViolation>();
        foreach (var key in (annotations?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            if (TryParseKey(key, out var nad, out var ns, out _) && !attached.Contains($"{ns}/{nad}"))
            {
                errors.Add(new(Field(key), FieldReasons.Invalid,
                    $"names NetworkAttachmentDefinition {ns}/{nad}, which the pod does not attach in k8s.v1.cni.cncf.io/networks."));
            }
        }

        return errors.ToImmutable();
    }

    /// <summary>The MAC in lowercase colon form, or an error: six octets separated by ':' or '-', unicast and not all zero.</summary>
    public static string? Mac(string? text, out string? error)
    {
        var trimmed = text?.Trim() ?? "";
        if (!MacPattern().IsMatch(trimmed))
        {
            error = $"\"{text}\" is not a MAC address such as 02:00:00:00:00:01.";
            return null;
        }

        var octets = trimmed.Split(':', '-').Select(o => byte.Parse(o, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        if ((octets[0] & 1) != 0)
        {
            error = $"{trimmed} is a multicast address: an interface needs a unicast MAC (even first octet).";
            return null;
        }

        if (octets.All(o => o == 0))
        {
            error = "00:00:00:00:00:00 cannot be an interface's MAC.";
            return null;
        }

        error = null;
        return string.Join(':', octets.Select(o => o.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static ImmutableArray<IPAddress> Addresses(string key, string text, ImmutableArray<FieldViolation>.Builder errors, bool pool)
    {
        var entries = text.Split(pool ? [',', ';'] : [','], StringSplitOptions.TrimEntries);
        var result = ImmutableArray.CreateBuilder<IPAddress>();
        var failed = false;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var field = entries.Length == 1 ? Field(key) : $"{Field(key)}[{i}]";
            var address = pool ? entry : entry.Split('/')[0];
            if (entry.Length == 0)
            {
                errors.Add(new(field, FieldReasons.Required, pool ? "empty entry: a list of addresses such as 172.19.0.10,172.19.0.11 is needed." : "an address is needed."));
                failed = true;
            }
            else if (!Ipam.AddressAllocator.TryParseAddress(address, out var parsed))
            {
                errors.Add(new(field, FieldReasons.Invalid, $"\"{entry}\" is not an IP address."));
                failed = true;
            }
            else if (result.Contains(parsed))
            {
                errors.Add(new(field, FieldReasons.Duplicate, $"{parsed} is listed twice."));
                failed = true;
            }
            else
            {
                result.Add(parsed);
            }
        }

        if (!pool && result.Count == 2 && result[0].AddressFamily == result[1].AddressFamily)
        {
            errors.Add(new(Field(key), FieldReasons.Invalid, "two addresses are one per family (dual stack): both are of one family."));
            failed = true;
        }

        return failed ? [] : result.ToImmutable();
    }

    [GeneratedRegex("^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\\1[0-9A-Fa-f]{2}){4}$")]
    private static partial Regex MacPattern();
}
