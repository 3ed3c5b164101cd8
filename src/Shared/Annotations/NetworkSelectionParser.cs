using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Multinet.Shared.Validation;

namespace Multinet.Shared.Annotations;

/// <summary>
/// Parses a pod's <c>k8s.v1.cni.cncf.io/networks</c> annotation in both forms Multus accepts: the short form
/// <c>net-a@eth1, other-ns/net-b@memif-eth2</c> and the JSON list <c>[{"name":"net-a","namespace":"x","interface":"eth1"}]</c>.
/// Every problem is reported with the path of the entry and field it concerns; good entries are still returned.
/// </summary>
public static class NetworkSelectionParser
{
    public const string AnnotationKey = "k8s.v1.cni.cncf.io/networks";
    private const string Field = "metadata.annotations[" + AnnotationKey + "]";
    private const int MaxInterfaceLength = 15;

    public static (ImmutableArray<NetworkSelection> Selections, ImmutableArray<FieldViolation> Errors) Parse(string? annotation)
    {
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return ([], []);
        }

        var errors = ImmutableArray.CreateBuilder<FieldViolation>();
        var selections = annotation.TrimStart().StartsWith('[') ? ParseJson(annotation, errors) : ParseShort(annotation, errors);
        return (selections, errors.ToImmutable());
    }

    private static ImmutableArray<NetworkSelection> ParseShort(string annotation, ImmutableArray<FieldViolation>.Builder errors)
    {
        var result = ImmutableArray.CreateBuilder<NetworkSelection>();
        var entries = annotation.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].Trim();
            var path = $"{Field}[{i}]";
            if (entry.Length == 0)
            {
                errors.Add(new(path, FieldReasons.Required, "empty entry: expected [namespace/]name[@interface]."));
                continue;
            }

            var at = entry.IndexOf('@', StringComparison.Ordinal);
            var reference = at < 0 ? entry : entry[..at];
            var iface = at < 0 ? null : entry[(at + 1)..];
            var slash = reference.IndexOf('/', StringComparison.Ordinal);
            var ns = slash < 0 ? null : reference[..slash];
            var name = slash < 0 ? reference : reference[(slash + 1)..];
            Add(result, errors, path, ns, name, iface, [], null);
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<NetworkSelection> ParseJson(string annotation, ImmutableArray<FieldViolation>.Builder errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(annotation);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: text that is not valid UTF-16
        {
            errors.Add(new(Field, FieldReasons.Invalid, $"not valid JSON: {ex.Message}"));
            return [];
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new(Field, FieldReasons.Invalid, "must be a JSON list of {\"name\": …} objects or the short form name@interface."));
                return [];
            }

            var result = ImmutableArray.CreateBuilder<NetworkSelection>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var path = $"{Field}[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(path, FieldReasons.Invalid, "must be an object such as {\"name\": \"network-blue-conf\"}."));
                    continue;
                }

                Add(result, errors, path, String(element, "namespace", path, errors), String(element, "name", path, errors) ?? "",
                    String(element, "interface", path, errors), Strings(element, "ips", path, errors), String(element, "mac", path, errors));
            }

            return result.ToImmutable();
        }
    }

    private static void Add(ImmutableArray<NetworkSelection>.Builder result, ImmutableArray<FieldViolation>.Builder errors, string path,
        string? ns, string name, string? iface, ImmutableArray<string> ips, string? mac)
    {
        // Errors already reported for this entry (a field of the wrong JSON type) count against it too.
        var before = errors.Count - errors.Count(e => e.Field.StartsWith(path + ".", StringComparison.Ordinal));
        if (ns is not null && NetworkValidator.CheckDns1123Label(ns) is { } nsError)
        {
            errors.Add(new($"{path}.namespace", FieldReasons.Invalid, $"\"{ns}\": {nsError}"));
        }

        if (CheckSubdomain(name) is { } nameError && !errors.Any(e => e.Field == $"{path}.name"))
        {
            errors.Add(new($"{path}.name", name.Length == 0 ? FieldReasons.Required : FieldReasons.Invalid, name.Length == 0 ? "a NetworkAttachmentDefinition name is needed." : $"\"{name}\": {nameError}"));
        }

        if (iface is not null && (iface.Length is 0 or > MaxInterfaceLength || iface.Any(c => c is '/' or ':' || char.IsWhiteSpace(c))))
        {
            errors.Add(new($"{path}.interface", FieldReasons.Invalid, $"\"{iface}\" is not an interface name: 1 to {MaxInterfaceLength} characters, no '/', ':' or spaces."));
        }

        foreach (var ip in ips.Where(ip => !IPAddress.TryParse(ip.Split('/')[0], out _)))
        {
            errors.Add(new($"{path}.ips", FieldReasons.Invalid, $"\"{ip}\" is not an IP address."));
        }

        if (mac is not null && !PhysicalAddress.TryParse(mac, out _))
        {
            errors.Add(new($"{path}.mac", FieldReasons.Invalid, $"\"{mac}\" is not a MAC address."));
        }

        if (errors.Count == before)
        {
            result.Add(new NetworkSelection(ns, name, iface, ips, mac));
        }
    }

    /// <summary>Object names are DNS-1123 subdomains: dot-separated labels, 253 characters at most.</summary>
    private static string? CheckSubdomain(string name) =>
        name.Length > 253 ? $"must be no more than 253 characters (is {name.Length})."
        : name.Split('.').Select(NetworkValidator.CheckDns1123Label).FirstOrDefault(e => e is not null);

    private static string? String(JsonElement element, string property, string path, ImmutableArray<FieldViolation>.Builder errors)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(new($"{path}.{property}", FieldReasons.Invalid, $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}."));
        return null;
    }

    private static ImmutableArray<string> Strings(JsonElement element, string property, string path, ImmutableArray<FieldViolation>.Builder errors)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return [.. value.EnumerateArray().Select(v => v.GetString()!)];
        }

        errors.Add(new($"{path}.{property}", FieldReasons.Invalid, "must be a list of address strings."));
        return [];
    }
}
