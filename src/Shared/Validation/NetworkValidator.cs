using System.Net;
using System.Text.RegularExpressions;
using Multinet.Shared.Crds;

namespace Multinet.Shared.Validation;

/// <summary>
/// The admission rules for Networks that upstream never checks: VNI range and uniqueness, CIDR syntax,
/// DNS-1123 names; overlapping ranges are a warning, not an error.
/// </summary>
public static partial class NetworkValidator
{
    public const string NameField = "metadata.name";
    public const string VniField = "spec.vni";
    public const string RangeField = "spec.range";
    public const string PhysicalNetworkField = "spec.physicalNetworkName";
    public const string ExcludeIpsField = "spec.excludeIps";

    private const int MaxNameLength = 63;

    /// <summary>Validates <paramref name="candidate"/> against the Networks already stored (it may be among them).</summary>
    public static ValidationResult Validate(V3Network candidate, IEnumerable<V3Network> existing)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(existing);

        var errors = new List<FieldViolation>();
        var warnings = new List<FieldViolation>();
        var name = candidate.Metadata?.Name;
        var others = existing.Where(n => n.Metadata?.Name != name).ToList();

        ValidateName(name, errors);
        ValidateVni(candidate.Spec?.Vni, others, errors);
        var range = ValidateRange(candidate.Spec?.Range, errors);
        if (range is { } network)
        {
            WarnOnOverlap(network, others, warnings);
            errors.AddRange(Ipam.ExcludedAddresses.Parse(candidate.Spec?.ExcludeIps, network, ExcludeIpsField).Errors);
        }

        ValidatePhysicalNetwork(candidate.Spec?.PhysicalNetworkName, errors);
        return errors.Count == 0 && warnings.Count == 0 ? ValidationResult.Valid : new ValidationResult(errors, warnings);
    }

    /// <summary>The message for a name that is not a DNS-1123 label, or null when it is one.</summary>
    public static string? CheckDns1123Label(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Required value: a name is needed.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"must be no more than {MaxNameLength} characters (is {name.Length}).";
        }

        return Dns1123Label().IsMatch(name)
            ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'blue' or 'net-1').";
    }

    /// <summary>Parses a CIDR strictly: address and prefix must be valid and no host bits may be set.</summary>
    public static bool TryParseRange(string? text, out IPNetwork network, out string? error)
    {
        if (Cidr.Parse(text, out network, out error) == CidrProblem.None)
        {
            return true;
        }

        network = default;
        return false;
    }

    /// <summary>True when two CIDRs share at least one address.</summary>
    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    private static void ValidateName(string? name, List<FieldViolation> errors)
    {
        var message = CheckDns1123Label(name);
        if (message is not null)
        {
            errors.Add(new(NameField, string.IsNullOrEmpty(name) ? FieldReasons.Required : FieldReasons.Invalid, message));
        }
    }

    private static void ValidateVni(long? vni, List<V3Network> others, List<FieldViolation> errors)
    {
        if (vni is not { } value)
        {
            errors.Add(new(VniField, FieldReasons.Required, "Required value: a VNI from 1 to 16777215."));
            return;
        }

        if (value is < 1 or > CrdConstants.MaxVni)
        {
            errors.Add(new(VniField, FieldReasons.Invalid, $"{value} is out of range: a VNI is from 1 to {CrdConstants.MaxVni} (24 bits)."));
            return;
        }

        if (value == CrdConstants.DefaultNetworkVni)
        {
            errors.Add(new(VniField, FieldReasons.Forbidden, $"{value} is reserved for the default pod network's VXLAN."));
            return;
        }

        var holder = others.FirstOrDefault(n => n.Spec?.Vni == value);
        if (holder is not null)
        {
            errors.Add(new(VniField, FieldReasons.Duplicate, $"{value} is already used by Network \"{holder.Metadata?.Name}\": each Network needs its own VNI."));
        }
    }

    private static IPNetwork? ValidateRange(string? range, List<FieldViolation> errors)
    {
        if (TryParseRange(range, out var network, out var error))
        {
            return network;
        }

        errors.Add(new(RangeField, string.IsNullOrWhiteSpace(range) ? FieldReasons.Required : FieldReasons.Invalid, error!));
        return null;
    }

    private const int MaxOverlapsNamed = 3;

    /// <summary>One warning however many Networks overlap, naming the first few: it travels in a response header.</summary>
    private static void WarnOnOverlap(IPNetwork range, List<V3Network> others, List<FieldViolation> warnings)
    {
        var overlapping = others
            .Select(other => (Name: other.Metadata?.Name, Parsed: TryParseRange(other.Spec?.Range, out var otherRange, out _), Range: otherRange))
            .Where(o => o.Parsed && Overlaps(range, o.Range))
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        if (overlapping.Count == 0)
        {
            return;
        }

        var named = string.Join(", ", overlapping.Take(MaxOverlapsNamed).Select(o => $"{o.Range} of Network \"{o.Name}\""));
        var more = overlapping.Count > MaxOverlapsNamed ? $" and {overlapping.Count - MaxOverlapsNamed} more" : "";
        warnings.Add(new(RangeField, FieldReasons.Invalid,
            $"{range} overlaps {named}{more}: allowed because networks are isolated, but the same address may then exist on both."));
    }

    private static void ValidatePhysicalNetwork(string? physicalNetworkName, List<FieldViolation> errors)
    {
        if (string.IsNullOrEmpty(physicalNetworkName))
        {
            return;
        }

        if (CheckDns1123Label(physicalNetworkName) is { } message)
        {
            errors.Add(new(PhysicalNetworkField, FieldReasons.Invalid, $"must be empty (the default uplink) or the name of an uplink: {message}"));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();
}
